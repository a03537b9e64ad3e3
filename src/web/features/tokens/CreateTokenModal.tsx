import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../api/client.ts';
import type { CreatedToken } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useCreateToken } from './tokens.api.ts';

interface CreateTokenModalProps {
  open: boolean;
  onClose: () => void;
  onCreated: (token: CreatedToken) => void;
}

export function CreateTokenModal({ open, onClose, onCreated }: CreateTokenModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const create = useCreateToken();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);

  const submit = ({ name }: { name: string }) => {
    create.mutate(name.trim(), {
      onSuccess: (token) => {
        form.resetFields();
        create.reset();
        onCreated(token);
      },
      onError: (error) => setUnmatched(applyFieldErrors(form, error, ['name'])),
    });
  };

  return (
    <Modal
      open={open}
      title={t('tokens.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        create.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <ErrorAlert error={create.error} fieldErrors={unmatched} />
      <Form form={form} name="create-token" layout="vertical" onFinish={submit}>
        <Form.Item
          label={t('tokens.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('tokens.namePlaceholder')} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
