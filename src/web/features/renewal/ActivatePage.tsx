import { Button, Card, Form, Input } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLogin } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { StandaloneLayout } from '../../components/StandaloneLayout.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useActivate } from './renewal.api.ts';
import './renewal.css';

interface ActivateValues {
  code: string;
  username: string;
  displayName: string;
  password: string;
}

/** 激活居民账号: the code from the 入户通知单, then straight into 我的家. */
export function ActivatePage() {
  const { t } = useTranslation();
  usePageTitle(t('renewal.activation.title'));
  const navigate = useNavigate();
  const activate = useActivate();
  const login = useLogin();
  const required = [{ required: true, whitespace: true, message: t('renewal.rounds.required') }];
  const submit = (v: ActivateValues) =>
    activate.mutate(
      {
        code: v.code.trim(),
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        password: v.password,
      },
      {
        onSuccess: (r) =>
          login.mutate(
            { username: r.username, password: v.password },
            { onSuccess: () => void navigate('/my-home', { replace: true }) },
          ),
      },
    );
  return (
    <StandaloneLayout>
      <Card className="gz-login-card gz-rn-activate">
        <h1 className="gz-login-title">{t('renewal.activation.title')}</h1>
        <p>{t('renewal.activation.intro')}</p>
        <ErrorAlert error={activate.error ?? login.error} />
        <Form<ActivateValues> layout="vertical" name="activate" onFinish={submit} requiredMark={false}>
          <Form.Item name="code" label={t('renewal.activation.code')} rules={required}>
            <Input size="large" autoComplete="one-time-code" maxLength={20} />
          </Form.Item>
          <Form.Item
            name="username"
            label={t('renewal.activation.username')}
            rules={[
              ...required,
              { pattern: /^[a-zA-Z0-9_.-]{3,64}$/, message: t('renewal.activation.username') },
            ]}
          >
            <Input size="large" autoComplete="username" />
          </Form.Item>
          <Form.Item name="displayName" label={t('renewal.activation.displayName')} rules={required}>
            <Input size="large" maxLength={50} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('renewal.activation.password')}
            rules={[...required, { min: 10, message: t('renewal.activation.password') }]}
          >
            <Input.Password size="large" autoComplete="new-password" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={activate.isPending || login.isPending}
          >
            {t('renewal.activation.submit')}
          </Button>
        </Form>
        <p className="gz-rn-activate-back">
          <Link to="/login">{t('renewal.activation.back')}</Link>
        </p>
      </Card>
    </StandaloneLayout>
  );
}
