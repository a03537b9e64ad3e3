import { useCallback, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, List, Row, Space, Statistic, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { STATEMENT_MAX } from '../../../contract/opinion.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import {
  useAddStatement,
  useAnalysis,
  useMap,
  useModerate,
  useOpinionLive,
  useStatements,
  type Analysis,
  type MapDetail,
} from './opinion.api.ts';
import { MapStatusControl } from './MapStatusControl.tsx';
import { GROUP_COLOURS, OpinionScatter } from './OpinionScatter.tsx';
import { PaperCardDrawer } from './PaperCardDrawer.tsx';
import './opinion.css';

/** Where the map's subject lives in the app. */
export function subjectPath(subject: NonNullable<MapDetail['subject']>): string {
  if (subject.kind === 'draft') return `/legislation/drafts/${subject.id}`;
  if (subject.kind === 'consultation') return `/rounds/${subject.id}`;
  return '/council?tab=topics';
}

function Rates({ statement, analysis }: { statement: Analysis['statements'][number]; analysis: Analysis }) {
  const { t } = useTranslation();
  return (
    <div className="gz-opinion-rates">
      {statement.groups.map((g) => (
        <Tag key={g.groupId} color={GROUP_COLOURS[(g.groupId - 1) % GROUP_COLOURS.length]}>
          {t('opinion.map.groupRate', {
            id: g.groupId,
            agree: Math.round(g.agreeRate * 100),
            disagree: Math.round(g.disagreeRate * 100),
          })}
        </Tag>
      ))}
      {statement.groups.length === 0 || analysis.groups.length === 0 ? (
        <Tag>{t('opinion.map.overall', statement)}</Tag>
      ) : null}
    </div>
  );
}

function StatementList({
  ids,
  analysis,
  empty,
  testId,
}: {
  ids: number[];
  analysis: Analysis;
  empty: string;
  testId: string;
}) {
  const byId = new Map(analysis.statements.map((s) => [s.id, s]));
  return (
    <List
      data-testid={testId}
      locale={{ emptyText: empty }}
      dataSource={ids.map((id) => byId.get(id)).filter((s) => s !== undefined)}
      renderItem={(s) => (
        <List.Item>
          <div>
            <div>{s.text}</div>
            <Rates statement={s} analysis={analysis} />
          </div>
        </List.Item>
      )}
    />
  );
}

function Moderation({ id }: { id: number }) {
  const { t } = useTranslation();
  const statements = useStatements(id);
  const moderate = useModerate(id);
  const add = useAddStatement(id);
  const [form] = Form.useForm<{ text: string }>();
  const pending = (statements.data?.items ?? []).filter((s) => s.status === 'pending');
  return (
    <Card
      className="gz-opinion-card"
      title={<h2 className="gz-section-title">{t('opinion.moderation.title')}</h2>}
    >
      <ErrorAlert error={statements.error ?? moderate.error} title={t('errors.loadFailed')} />
      <List
        data-testid="opinion-pending"
        locale={{ emptyText: t('opinion.moderation.empty') }}
        dataSource={pending}
        renderItem={(s) => (
          <List.Item
            actions={[
              <Button
                key="ok"
                type="primary"
                aria-label={`${t('opinion.moderation.approve')} ${s.text}`}
                onClick={() => moderate.mutate({ statementId: s.id, status: 'approved' })}
              >
                {t('opinion.moderation.approve')}
              </Button>,
              <Button
                key="no"
                danger
                aria-label={`${t('opinion.moderation.reject')} ${s.text}`}
                onClick={() => moderate.mutate({ statementId: s.id, status: 'rejected' })}
              >
                {t('opinion.moderation.reject')}
              </Button>,
            ]}
          >
            {s.text}
          </List.Item>
        )}
      />
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => add.mutate(v.text, { onSuccess: () => form.resetFields() })}
      >
        <Form.Item
          name="text"
          label={t('opinion.moderation.seed')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              max: STATEMENT_MAX,
              message: t('opinion.statement.length', { max: STATEMENT_MAX }),
            },
          ]}
        >
          <Input maxLength={STATEMENT_MAX} style={{ width: 360 }} />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          {t('opinion.moderation.add')}
        </Button>
      </Form>
      <ErrorAlert error={add.error} title={t('opinion.vote.addFailed')} />
    </Card>
  );
}

/** The live opinion map: groups as coloured anonymous points, consensus, division, each group's statements. */
export function OpinionMapPage() {
  const { t } = useTranslation();
  const dateTime = useDateTimeFormat();
  const id = Number(useParams().id);
  const me = useMe();
  useOpinionLive();
  const map = useMap(id);
  const staff = hasPermission(me, ['opinion.read', 'opinion.manage']);
  const manage = hasPermission(me, 'opinion.manage');
  const [paper, setPaper] = useState(false);
  const maySee = staff || Boolean(map.data?.mine?.maySeeMap);
  const analysis = useAnalysis(id, maySee && map.isSuccess);
  const groupName = useCallback((g: number, size: number) => t('opinion.map.group', { id: g, size }), [t]);
  const m = map.data;
  const a = analysis.data;
  const byId = new Map((a?.statements ?? []).map((s) => [s.id, s]));
  return (
    <Page
      title={m?.title ?? t('opinion.nav')}
      intro={
        m?.subject ? (
          <>
            {t(`opinion.subject.${m.subject.kind}`)}：
            <Link to={subjectPath(m.subject)}>{m.subject.title}</Link>
          </>
        ) : undefined
      }
      actions={
        <Space wrap>
          {m?.mine ? (
            <ButtonLink to={`/opinion/${id}/vote`} type="primary">
              {t('opinion.map.goVote')}
            </ButtonLink>
          ) : null}
          {m ? <MapStatusControl map={m} mayManage={manage} /> : null}
          {manage && m ? (
            <Button onClick={() => setPaper(true)} disabled={m.status !== 'open'}>
              {t('opinion.paper.open')}
            </Button>
          ) : null}
          {staff ? (
            <Button href={`/api/opinion-maps/${id}/report.pdf`} download>
              {t('opinion.map.report')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <ErrorAlert error={map.error ?? analysis.error} title={t('errors.loadFailed')} />
      {m && !maySee ? (
        <Alert type="info" showIcon message={t('opinion.map.voteFirst', { n: m.mine?.needed ?? 0 })} />
      ) : null}
      {a ? (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6} data-testid="opinion-participants">
              <Statistic title={t('opinion.map.participants')} value={a.participants} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('opinion.map.clustered')} value={a.clustered} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('opinion.map.groups')} value={a.groups.length} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('opinion.map.statements')} value={a.statements.length} />
            </Col>
          </Row>
          <p className="gz-page-intro">
            {a.computedAt
              ? t('opinion.map.computed', { at: dateTime(a.computedAt) })
              : t('opinion.map.notYet')}
            {a.stale ? ` ${t('opinion.map.stale')}` : ''} {t('opinion.map.minVotes', { n: a.minVotes })}
          </p>
          {a.groups.length ? (
            <Card
              className="gz-opinion-card"
              title={<h2 className="gz-section-title">{t('opinion.map.scatter')}</h2>}
            >
              <OpinionScatter
                analysis={a}
                groupName={groupName}
                label={`${t('opinion.map.scatter')}：${a.groups.map((g) => groupName(g.id, g.size)).join('，')}`}
              />
            </Card>
          ) : null}
          <Card
            className="gz-opinion-card"
            title={<h2 className="gz-section-title">{t('opinion.map.consensus')}</h2>}
          >
            <StatementList
              ids={a.consensus}
              analysis={a}
              empty={t('opinion.map.noConsensus')}
              testId="opinion-consensus"
            />
          </Card>
          <Card
            className="gz-opinion-card"
            title={<h2 className="gz-section-title">{t('opinion.map.divisive')}</h2>}
          >
            <StatementList
              ids={a.divisive}
              analysis={a}
              empty={t('opinion.map.noDivisive')}
              testId="opinion-divisive"
            />
          </Card>
          <Row gutter={[16, 16]} className="gz-opinion-card">
            {a.groups.map((g) => (
              <Col key={g.id} xs={24} md={12} xl={8}>
                <Card
                  title={<h2 className="gz-section-title">{groupName(g.id, g.size)}</h2>}
                  data-testid={`opinion-group-${g.id}`}
                >
                  <ul className="gz-opinion-list">
                    {g.representative.map((r) => (
                      <li key={r.statementId}>
                        <Tag color={r.side === 'agree' ? 'green' : 'red'}>
                          {t(`opinion.map.${r.side}`, { rate: Math.round(r.rate * 100) })}
                        </Tag>
                        {byId.get(r.statementId)?.text}
                      </li>
                    ))}
                  </ul>
                </Card>
              </Col>
            ))}
          </Row>
        </>
      ) : null}
      {m?.mayModerate ? <Moderation id={id} /> : null}
      {manage ? <PaperCardDrawer mapId={id} open={paper} onClose={() => setPaper(false)} /> : null}
    </Page>
  );
}
