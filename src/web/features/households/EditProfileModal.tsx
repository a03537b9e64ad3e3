import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Flags } from '../../../contract/households.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useUpdateHousehold, type HouseholdFile } from './households.api.ts';
import { flagKeys } from './labels.tsx';
import { NumberInput } from '../../components/NumberInput.tsx';

interface ProfileValues {
  headName: string;
  phone?: string;
  registeredCount: number | null;
  residentCount: number | null;
  areaBuilding: number | null;
  areaUsable: number | null;
  tenure: 'public' | 'private' | null;
  flags: Array<keyof Flags>;
  notes: string | null;
}

const FIELDS = [
  'headName',
  'phone',
  'registeredCount',
  'residentCount',
  'areaBuilding',
  'areaUsable',
  'tenure',
  'notes',
];

/** Profile fields of a household file; the phone is masked on screen, so a new one replaces it. */
export function EditProfileModal({ file, onClose }: { file: HouseholdFile; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const update = useUpdateHousehold(file.id);

  const submit = (values: ProfileValues) => {
    const flags = Object.fromEntries(flagKeys.map((k) => [k, values.flags.includes(k)])) as Flags;
    update.mutate(
      {
        headName: values.headName,
        ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
        registeredCount: values.registeredCount ?? null,
        residentCount: values.residentCount ?? null,
        areaBuilding: values.areaBuilding ?? null,
        areaUsable: values.areaUsable ?? null,
        tenure: values.tenure ?? null,
        flags,
        notes: values.notes?.trim() ? values.notes : null,
      },
      {
        onSuccess: () => {
          void message.success(t('households.file.saved'));
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error, FIELDS),
      },
    );
  };

  return (
    <Modal
      open
      title={t('households.file.editProfile')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ProfileValues>
        form={form}
        layout="vertical"
        name="household-profile"
        initialValues={{
          headName: file.headName,
          registeredCount: file.registeredCount,
          residentCount: file.residentCount,
          areaBuilding: file.areaBuilding,
          areaUsable: file.areaUsable,
          tenure: file.tenure,
          flags: flagKeys.filter((k) => file.flags[k]),
          notes: file.notes,
        }}
        onFinish={submit}
      >
        <Form.Item
          name="headName"
          label={t('households.fields.head')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('households.file.newPhone')}
          extra={t('households.file.newPhoneHelp', { current: file.phone ?? t('common.none') })}
        >
          <Input maxLength={30} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <div className="gz-hh-form-grid">
          <Form.Item name="registeredCount" label={t('households.fields.registeredCount')}>
            <NumberInput min={0} max={99} className="gz-hh-number" />
          </Form.Item>
          <Form.Item name="residentCount" label={t('households.fields.residentCount')}>
            <NumberInput min={0} max={99} className="gz-hh-number" />
          </Form.Item>
          <Form.Item name="areaBuilding" label={t('households.fields.areaBuilding')}>
            <NumberInput min={0} max={10000} step={0.1} className="gz-hh-number" suffix="m²" />
          </Form.Item>
          <Form.Item name="areaUsable" label={t('households.fields.areaUsable')}>
            <NumberInput min={0} max={10000} step={0.1} className="gz-hh-number" suffix="m²" />
          </Form.Item>
        </div>
        <Form.Item name="tenure" label={t('households.fields.tenure')}>
          <Select
            allowClear
            options={[
              { value: 'public', label: t('households.tenure.public') },
              { value: 'private', label: t('households.tenure.private') },
            ]}
          />
        </Form.Item>
        <Form.Item name="flags" label={t('households.fields.flags')}>
          <Checkbox.Group options={flagKeys.map((k) => ({ value: k, label: t(`households.flags.${k}`) }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('households.fields.notes')}>
          <Input.TextArea maxLength={4000} rows={3} />
        </Form.Item>
      </Form>
      <ErrorAlert error={update.error} />
    </Modal>
  );
}
