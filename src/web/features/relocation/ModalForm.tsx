import { useState, type ReactNode } from 'react';
import { App, Button, Form, Modal, Select } from 'antd';
import { isApiError } from '../../api/client.ts';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useVendors } from './relocation.api.ts';

/**
 * The kit of the relocation module's staff and partner-firm forms (VolunteerForm.tsx, RentalForm.tsx
 * and the rest, one file each): one modal per kind of record, used both to create (no record) and to
 * edit (a record). Empty optional text is sent as absent.
 */

type Values = Record<string, unknown>;

/** Trims strings and drops empty optional ones, so the server stores null rather than ''. */
export function clean(values: Values): Values {
  const out: Values = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') {
      const s = v.trim();
      if (s !== '') out[k] = s;
    } else out[k] = v;
  }
  return out;
}

interface ModalFormProps {
  title: string;
  initialValues: Values;
  fields: readonly string[];
  onClose: () => void;
  submit: (values: Values) => Promise<unknown>;
  children: ReactNode;
}

/** A modal with a vertical form; server field errors land under their fields. */
export function ModalForm({ title, initialValues, fields, onClose, submit, children }: ModalFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const onOk = async () => {
    let values: Values;
    try {
      values = (await form.validateFields()) as Values;
    } catch {
      return;
    }
    setPending(true);
    setError(null);
    try {
      await submit(values);
      void message.success(t('relocation.form.saved'));
      onClose();
    } catch (e) {
      const rest = applyFieldErrors(form, e, fields);
      const allPlaced = isApiError(e, 'validation_failed') && e.fieldErrors.length > 0 && rest.length === 0;
      setError(allPlaced ? null : e);
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={t('relocation.form.save')}
      cancelText={t('relocation.form.cancel')}
      confirmLoading={pending}
      onOk={() => void onOk()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false}>
        {children}
      </Form>
      <ErrorAlert error={error} />
    </Modal>
  );
}

/** "Add" or "Edit" button that opens a form modal. */
export function FormButton({
  label,
  edit,
  render,
}: {
  label: string;
  edit?: boolean;
  render: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        type={edit ? 'link' : 'primary'}
        size={edit ? 'small' : 'middle'}
        icon={edit ? <EditOutlined /> : <PlusOutlined />}
        aria-label={label}
        onClick={() => setOpen(true)}
      >
        {edit ? undefined : label}
      </Button>
      {open ? render(() => setOpen(false)) : null}
    </>
  );
}

export const req = (t: TFunction) => [
  { required: true, whitespace: true, message: t('relocation.form.required') },
];

export const reqNum = (t: TFunction) => [{ required: true, message: t('relocation.form.required') }];

/** Staff choose the firm a flat or package is for; a firm's own account never sees this field. */
export function VendorSelect({ kind }: { kind: 'agency' | 'decoration' }) {
  const { t } = useTranslation();
  const vendors = useVendors();
  return (
    <Form.Item
      name="vendorId"
      label={t(kind === 'agency' ? 'relocation.form.agency' : 'relocation.form.vendor')}
      rules={reqNum(t)}
    >
      <Select
        loading={vendors.isPending}
        options={(vendors.data?.items ?? [])
          .filter((v) => v.kind === kind)
          .map((v) => ({ value: v.id, label: v.name }))}
      />
    </Form.Item>
  );
}
