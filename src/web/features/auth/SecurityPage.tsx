import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { MfaSetup, MfaStatus } from '../../api/types.ts';
import { meQueryKey, useLogout, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { StandaloneLayout } from '../../components/StandaloneLayout.tsx';

const statusKey = ['auth', 'mfa'] as const;

/** The account security page inside the shell. */
export function SecurityPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('account.security.pageTitle')}>
      <MfaPanel />
    </Page>
  );
}

/** Where a user who must have a second factor and has none lands, before anything else. */
export function RequiredEnrolmentPage() {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <StandaloneLayout>
      <h1>{t('account.security.pageTitle')}</h1>
      <MfaPanel />
      <Button onClick={() => logout.mutate()} loading={logout.isPending}>
        {t('account.security.signOut')}
      </Button>
    </StandaloneLayout>
  );
}

function MfaPanel() {
  const { t } = useTranslation();
  const me = useMe();
  const formatDateTime = useDateTimeFormat();
  const status = useQuery({ queryKey: statusKey, queryFn: () => api.get<MfaStatus>('/auth/mfa') });
  if (status.isPending) return <FullPageSpin />;
  if (status.error) return <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />;
  const s = status.data;
  return (
    <Card title={<h2 className="gz-card-title">{t('account.security.mfaTitle')}</h2>}>
      {me.mfaEnrolmentRequired ? (
        <Alert type="warning" showIcon title={t('account.security.requiredNow')} className="gz-error-alert" />
      ) : null}
      {s.exempt ? (
        <Alert type="info" showIcon title={t('account.security.exempt')} className="gz-error-alert" />
      ) : null}
      {s.enrolled ? (
        <>
          <p>{t('account.security.enrolled', { when: formatDateTime(s.enrolledAt) })}</p>
          <p>{t('account.security.recoveryLeft', { count: s.recoveryCodesLeft })}</p>
          <ResetOwn />
        </>
      ) : (
        <>
          <p>{t('account.security.notEnrolled')}</p>
          <Enrol />
        </>
      )}
    </Card>
  );
}

function Enrol() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const setup = useMutation({ mutationFn: () => api.post<MfaSetup>('/auth/mfa/setup') });
  const confirm = useMutation({
    mutationFn: (code: string) => api.post<{ recoveryCodes: string[] }>('/auth/mfa/confirm', { code }),
    onSuccess: (answer) => setRecoveryCodes(answer.recoveryCodes),
  });
  const finish = async () => {
    await queryClient.invalidateQueries({ queryKey: meQueryKey });
    await queryClient.invalidateQueries({ queryKey: statusKey });
  };

  if (recoveryCodes) {
    return (
      <section aria-labelledby="gz-recovery-title">
        <Alert type="success" showIcon title={t('account.security.done')} className="gz-error-alert" />
        <h3 id="gz-recovery-title">{t('account.security.recoveryTitle')}</h3>
        <p>{t('account.security.recoveryIntro')}</p>
        <ul className="gz-recovery-codes" aria-label={t('account.security.recoveryTitle')}>
          {recoveryCodes.map((code) => (
            <li key={code}>
              <Typography.Text code>{code}</Typography.Text>
            </li>
          ))}
        </ul>
        <Button type="primary" onClick={() => void finish()}>
          {t('account.security.continue')}
        </Button>
      </section>
    );
  }
  if (!setup.data) {
    return (
      <>
        {setup.error ? <ErrorAlert error={setup.error} /> : null}
        <Button type="primary" onClick={() => setup.mutate()} loading={setup.isPending}>
          {t('account.security.start')}
        </Button>
      </>
    );
  }
  return (
    <Space direction="vertical" size="middle">
      <p>{t('account.security.step1')}</p>
      {/* Server-made SVG of the otpauth URL (no script): shown as an image, not as markup. */}
      <img
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.data.qrSvg)}`}
        alt={t('account.security.qrAlt')}
        width={200}
        height={200}
      />
      <p>
        {t('account.security.manual')}{' '}
        <Typography.Text code copyable data-testid="mfa-secret">
          {setup.data.secret}
        </Typography.Text>
      </p>
      <p>{t('account.security.step2')}</p>
      {confirm.error ? <ErrorAlert error={confirm.error} /> : null}
      <Form<{ code: string }> layout="inline" onFinish={(v) => confirm.mutate(v.code)} requiredMark={false}>
        <Form.Item
          label={t('account.security.codeLabel')}
          name="code"
          rules={[{ required: true, whitespace: true }]}
        >
          <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={confirm.isPending}>
          {t('account.security.confirm')}
        </Button>
      </Form>
    </Space>
  );
}

function ResetOwn() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const reset = useMutation({
    mutationFn: (password: string) => api.post<{ ok: true }>('/auth/mfa/reset', { password }),
    onSuccess: async () => {
      void message.success(t('account.security.resetDone'));
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      await queryClient.invalidateQueries({ queryKey: statusKey });
    },
  });
  return (
    <section aria-labelledby="gz-mfa-reset">
      <h3 id="gz-mfa-reset">{t('account.security.resetTitle')}</h3>
      <p>{t('account.security.resetIntro')}</p>
      {reset.error ? <ErrorAlert error={reset.error} /> : null}
      <Form<{ password: string }>
        layout="inline"
        onFinish={(v) => reset.mutate(v.password)}
        requiredMark={false}
      >
        <Form.Item label={t('account.security.passwordLabel')} name="password" rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button danger htmlType="submit" loading={reset.isPending}>
          {t('account.security.reset')}
        </Button>
      </Form>
    </section>
  );
}
