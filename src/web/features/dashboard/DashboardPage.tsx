import { Alert, Col, Row, Select, Space } from 'antd';
import { FundViewOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { cardLabels, phaseLabels } from '../../../contract/dashboard.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { useDashboard, useLiveDashboard } from './dashboard.api.ts';
import { DashboardCard, ReportButtons, useLang } from './parts.tsx';
import './dashboard.css';

function positive(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** 全过程看板: one street or one estate, before / during / after renewal, each figure linked to its records. */
export function DashboardPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useMe();
  const format = useDateTimeFormat();
  const [params, setParams] = useSearchParams();
  const estateId = positive(params.get('estateId'));
  const tenantId = positive(params.get('tenantId'));
  const board = useDashboard({ estateId, tenantId });
  useLiveDashboard();
  const d = board.data;
  const set = (changes: Record<string, number | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined) next.delete(k);
        else next.set(k, String(v));
      }
      return next;
    });
  const crossTenant = hasPermission(me, 'stats.cross_tenant') && me.tenants.length > 1;
  const screenHref = `/dashboard/screen${estateId ? `?estateId=${estateId}` : ''}`;
  const title = d ? `${d.tenant.name}${d.estate ? ` · ${d.estate.name}` : ''}` : t('dashboard.title');

  return (
    <Page
      title={title}
      intro={t('dashboard.intro')}
      actions={
        <Space wrap>
          {crossTenant ? (
            <Select
              aria-label={t('dashboard.street')}
              style={{ minWidth: 180 }}
              value={d?.tenant.id ?? tenantId ?? me.tenant?.id}
              options={me.tenants.map((s) => ({ value: s.id, label: s.name }))}
              onChange={(v: number) =>
                set({ tenantId: v === me.tenant?.id ? undefined : v, estateId: undefined })
              }
            />
          ) : null}
          <Select
            aria-label={t('dashboard.scope')}
            style={{ minWidth: 200 }}
            value={estateId ?? 0}
            options={[
              { value: 0, label: t('dashboard.wholeStreet') },
              ...(d?.estates ?? []).map((e) => ({
                value: e.id,
                label: `${e.name}（${t('dashboard.households', { n: e.households })}）`,
              })),
            ]}
            onChange={(v: number) => set({ estateId: v || undefined })}
          />
          {tenantId === undefined ? (
            <ButtonLink to={screenHref} icon={<FundViewOutlined aria-hidden />}>
              {t('dashboard.screen')}
            </ButtonLink>
          ) : null}
        </Space>
      }
    >
      <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />
      {board.isPending ? <FullPageSpin /> : null}
      {d ? (
        <>
          <div className="gz-db-toolbar">
            <span className="gz-db-generated">
              {t('dashboard.generatedAt', { time: format(d.generatedAt) })}
            </span>
            <ReportButtons body={{ kind: 'dashboard', estateId, tenantId }} />
          </div>
          {d.unavailable.length ? (
            <Alert
              type="info"
              showIcon
              className="gz-db-unavailable"
              message={t('dashboard.unavailable', {
                cards: d.unavailable.map((k) => cardLabels[k][lang]).join(lang === 'zh' ? '、' : ', '),
              })}
            />
          ) : null}
          {d.phases.map((phase) => (
            <section key={phase.key} className="gz-db-phase" aria-labelledby={`phase-${phase.key}`}>
              <h2 id={`phase-${phase.key}`} className="gz-db-phase-title">
                {phaseLabels[phase.key][lang]}
              </h2>
              <Row gutter={[16, 16]}>
                {phase.cards.map((card) => (
                  <Col key={card.key} xs={24} lg={12} xxl={8}>
                    <DashboardCard card={card} estateSelected={d.estate !== null} />
                  </Col>
                ))}
              </Row>
            </section>
          ))}
        </>
      ) : null}
    </Page>
  );
}
