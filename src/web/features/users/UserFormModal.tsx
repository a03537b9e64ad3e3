import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../contract/permissions.ts';
import { LiaisonOrgs } from '../../../contract/mediation.ts';
import type { FieldError } from '../../api/client.ts';
import type { UpdateUserBody, User } from '../../api/types.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useTenants } from '../tenants/tenants.api.ts';
import { roleOptions } from './roleOptions.ts';
import { useCreateUser, useUpdateUser } from './users.api.ts';

interface UserFormValues {
  username: string;
  displayName: string;
  password?: string;
  role: Role;
  tenantId?: number;
  liaisonOrg?: (typeof LiaisonOrgs)[number];
}

const FIELDS = ['username', 'displayName', 'password', 'role', 'tenantId', 'liaisonOrg'] as const;

interface UserFormModalProps {
  /** `null`: create a new user; a user: edit that user. */
  user: User | null;
  open: boolean;
  onClose: () => void;
}

/** Create or edit a user. Editing sends only the fields that changed. */
export function UserFormModal({ user, open, onClose }: UserFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const canManageSystem = hasPermission(me, 'system.manage');
  const isCreate = user === null;
  const [form] = Form.useForm<UserFormValues>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = isCreate ? create : update;
  const tenants = useTenants({ enabled: open && isCreate && canManageSystem });
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const role = Form.useWatch('role', form);

  const close = () => {
    create.reset();
    update.reset();
    setUnmatched([]);
    onClose();
  };
  const onError = (error: unknown) => setUnmatched(applyFieldErrors(form, error, FIELDS));

  const submit = (values: UserFormValues) => {
    if (isCreate) {
      create.mutate(
        {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          password: values.password ?? '',
          role: values.role,
          ...(values.tenantId ? { tenantId: values.tenantId } : {}),
          ...(values.role === 'liaison' && values.liaisonOrg ? { liaisonOrg: values.liaisonOrg } : {}),
        },
        {
          onSuccess: (created) => {
            void message.success(`${t('users.created')}: ${created.username}`);
            close();
          },
          onError,
        },
      );
      return;
    }
    const changes: UpdateUserBody = {};
    if (values.displayName.trim() !== user.displayName) changes.displayName = values.displayName.trim();
    if (values.role !== user.role) changes.role = values.role;
    if (values.role === 'liaison' && values.liaisonOrg && values.liaisonOrg !== user.liaisonOrg)
      changes.liaisonOrg = values.liaisonOrg;
    if (values.password) changes.password = values.password;
    if (Object.keys(changes).length === 0) {
      close();
      return;
    }
    update.mutate(
      { id: user.id, changes },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          close();
        },
        onError,
      },
    );
  };

  const fieldLabels = {
    username: t('users.username'),
    displayName: t('users.displayName'),
    password: isCreate ? t('users.password') : t('users.newPassword'),
    role: t('users.role'),
    tenantId: t('users.street'),
    liaisonOrg: t('users.liaisonOrg'),
  };

  return (
    <Modal
      open={open}
      title={isCreate ? t('users.createTitle') : t('users.editTitle', { username: user.username })}
      okText={isCreate ? t('common.create') : t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      <ErrorAlert error={mutation.error} fieldErrors={unmatched} fieldLabels={fieldLabels} />
      <Form<UserFormValues>
        form={form}
        name={isCreate ? 'create-user' : 'edit-user'}
        layout="vertical"
        onFinish={submit}
        initialValues={
          user
            ? { displayName: user.displayName, role: user.role, liaisonOrg: user.liaisonOrg ?? undefined }
            : { role: 'cadre' }
        }
        clearOnDestroy
      >
        {isCreate ? (
          <Form.Item
            label={fieldLabels.username}
            name="username"
            extra={t('users.usernameHelp')}
            rules={[
              { required: true, message: t('users.usernameRequired') },
              { pattern: /^[a-zA-Z0-9_.-]{3,64}$/, message: t('users.usernameInvalid') },
            ]}
          >
            <Input maxLength={64} autoComplete="off" spellCheck={false} />
          </Form.Item>
        ) : null}
        <Form.Item
          label={fieldLabels.displayName}
          name="displayName"
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={fieldLabels.role}
          name="role"
          rules={[{ required: true, message: t('users.roleRequired') }]}
        >
          <Select options={roleOptions(t, canManageSystem)} />
        </Form.Item>
        {role === 'liaison' ? (
          <Form.Item
            label={fieldLabels.liaisonOrg}
            name="liaisonOrg"
            extra={t('users.liaisonOrgHelp')}
            rules={[{ required: true, message: t('users.liaisonOrgRequired') }]}
          >
            <Select options={LiaisonOrgs.map((o) => ({ value: o, label: t(`mediation.orgs.${o}`) }))} />
          </Form.Item>
        ) : null}
        {isCreate && canManageSystem ? (
          <Form.Item label={fieldLabels.tenantId} name="tenantId" extra={t('users.streetHelp')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={tenants.isFetching}
              placeholder={me.tenant?.name}
              options={(tenants.data?.items ?? []).map((tenant) => ({
                value: tenant.id,
                label: tenant.name,
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label={fieldLabels.password}
          name="password"
          extra={isCreate ? t('users.passwordHelp') : t('users.newPasswordHelp')}
          rules={[
            ...(isCreate ? [{ required: true, message: t('users.passwordRequired') }] : []),
            { min: 10, message: t('users.passwordTooShort') },
          ]}
        >
          {/* "new-password" stops browsers filling in the administrator's own saved password. */}
          <Input.Password maxLength={200} autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
