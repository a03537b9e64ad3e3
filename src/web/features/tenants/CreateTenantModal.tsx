import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../api/client.ts';
import type { CreateTenantBody } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useCreateTenant } from './tenants.api.ts';

const FIELDS = ['code', 'name'] as const;

export function CreateTenantModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateTenantBody>();
  const create = useCreateTenant();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);

  const close = () => {
    create.reset();
    form.resetFields();
    onClose();
  };

  const submit = (values: CreateTenantBody) => {
    create.mutate(
      { code: values.code.trim(), name: values.name.trim() },
      {
        onSuccess: (tenant) => {
          void message.success(`${t('tenants.created')}: ${tenant.name}`);
          close();
        },
        onError: (error) => setUnmatched(applyFieldErrors(form, error, FIELDS)),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('tenants.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <ErrorAlert
        error={create.error}
        fieldErrors={unmatched}
        fieldLabels={{ code: t('tenants.code'), name: t('tenants.name') }}
      />
      <Form form={form} name="create-tenant" layout="vertical" onFinish={submit}>
        <Form.Item
          label={t('tenants.name')}
          name="name"
          rules={[
            { required: true, whitespace: true, message: t('tenants.nameRequired') },
            { min: 2, message: t('tenants.nameTooShort') },
          ]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('tenants.code')}
          name="code"
          extra={t('tenants.codeHelp')}
          rules={[
            { required: true, message: t('tenants.codeRequired') },
            { pattern: /^[a-z0-9-]{2,40}$/, message: t('tenants.codeInvalid') },
          ]}
        >
          <Input maxLength={40} autoComplete="off" spellCheck={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
