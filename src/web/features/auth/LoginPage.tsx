import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldError } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { pageAfterSignIn } from '../../app/loginRedirect.ts';
import { loadShell } from '../../app/shellLoader.ts';
import { useLogin, useLoginCode } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { StandaloneLayout } from '../../components/StandaloneLayout.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';

interface LoginValues {
  username: string;
  password: string;
}

const FIELDS = ['username', 'password'] as const;

/** Seconds until a locked account may try again, from a `login_locked` answer. */
function retryAfterSeconds(error: unknown): number | null {
  if (!isApiError(error, 'login_locked')) return null;
  const details = error.details as { retryAfterSeconds?: unknown } | undefined;
  return typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : null;
}

/** Starts downloading the signed-in frame; a failure here is retried when the frame is opened. */
function prefetchShell(): void {
  loadShell().catch(() => undefined);
}

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.pageTitle'));
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const login = useLogin();
  const [form] = Form.useForm<LoginValues>();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const [challenge, setChallenge] = useState<string | null>(null);
  const loggedOut = (location.state as { loggedOut?: boolean } | null)?.loggedOut === true;
  const lockedFor = retryAfterSeconds(login.error);

  const submit = (values: LoginValues) => {
    login.mutate(values, {
      onSuccess: (answer) => {
        if ('mfaRequired' in answer) setChallenge(answer.challenge);
        else void navigate(pageAfterSignIn(params.get('next'), answer.permissions), { replace: true });
      },
      onError: (error) => setUnmatched(applyFieldErrors(form, error, FIELDS)),
    });
  };

  if (challenge) {
    return (
      <CodeStep
        challenge={challenge}
        onDone={(me) => void navigate(pageAfterSignIn(params.get('next'), me.permissions), { replace: true })}
        onBack={() => {
          setChallenge(null);
          login.reset();
        }}
      />
    );
  }

  return (
    <StandaloneLayout>
      {/* Drawn like antd's Card by global.css: Card brings Tabs, Dropdown and Skeleton along (~20 KB). */}
      <div className="gz-login-card">
        <h1 className="gz-login-title">{t('app.fullName')}</h1>
        <h2 className="gz-login-product">{t('auth.heading')}</h2>
        {loggedOut && !login.error ? (
          <Alert className="gz-error-alert" type="success" showIcon title={t('header.loggedOut')} />
        ) : null}
        {login.error ? (
          lockedFor !== null ? (
            <Alert
              className="gz-error-alert"
              type="error"
              showIcon
              title={t('auth.failedTitle')}
              description={t('auth.lockedFor', { minutes: Math.max(1, Math.ceil(lockedFor / 60)) })}
            />
          ) : (
            <ErrorAlert error={login.error} title={t('auth.failedTitle')} fieldErrors={unmatched} />
          )
        ) : null}
        <p>{t('auth.intro')}</p>
        <Form<LoginValues>
          form={form}
          name="login"
          layout="vertical"
          onFinish={submit}
          onFocus={prefetchShell}
          requiredMark={false}
        >
          <Form.Item
            label={t('auth.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input size="large" autoComplete="username" prefix={<UserOutlined aria-hidden />} />
          </Form.Item>
          <Form.Item
            label={t('auth.password')}
            name="password"
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password
              size="large"
              autoComplete="current-password"
              prefix={<LockOutlined aria-hidden />}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={login.isPending}>
            {t('auth.submit')}
          </Button>
        </Form>
        <p className="gz-login-activate">
          <Link to="/activate">{t('renewal.activation.link')}</Link>
        </p>
      </div>
    </StandaloneLayout>
  );
}

/** The second step of signing in: a code from the authenticator, or a recovery code. */
function CodeStep({
  challenge,
  onDone,
  onBack,
}: {
  challenge: string;
  onDone: (me: Me) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const loginCode = useLoginCode();
  const lockedFor = retryAfterSeconds(loginCode.error);
  return (
    <StandaloneLayout>
      <div className="gz-login-card">
        <h1 className="gz-login-title">{t('app.fullName')}</h1>
        <h2 className="gz-login-product">{t('account.code.title')}</h2>
        {loginCode.error ? (
          lockedFor !== null ? (
            <Alert
              className="gz-error-alert"
              type="error"
              showIcon
              title={t('auth.failedTitle')}
              description={t('auth.lockedFor', { minutes: Math.max(1, Math.ceil(lockedFor / 60)) })}
            />
          ) : (
            <ErrorAlert error={loginCode.error} title={t('auth.failedTitle')} />
          )
        ) : null}
        <p>{t('account.code.intro')}</p>
        <Form<{ code: string }>
          name="login-code"
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => loginCode.mutate({ challenge, code: values.code }, { onSuccess: onDone })}
        >
          <Form.Item
            label={t('account.code.label')}
            name="code"
            rules={[{ required: true, whitespace: true, message: t('account.code.required') }]}
          >
            <Input size="large" autoComplete="one-time-code" inputMode="text" autoFocus />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={loginCode.isPending}>
            {t('account.code.submit')}
          </Button>
        </Form>
        <p className="gz-login-activate">
          <Button type="link" onClick={onBack}>
            {t('account.code.back')}
          </Button>
        </p>
      </div>
    </StandaloneLayout>
  );
}
