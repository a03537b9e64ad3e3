import { Card, Col, Empty, Progress, Row, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLiveEvent } from '../../api/live.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { usePublishedResults } from './council.api.ts';
import { useDateFormat } from '../../components/format.ts';

/** What residents read: the published results of the street's self-governance projects. */
export function ResultsPage() {
  const { t } = useTranslation();
  const dateOf = useDateFormat();
  const results = usePublishedResults();
  const queryClient = useQueryClient();
  useLiveEvent(
    'council.project',
    () => void queryClient.invalidateQueries({ queryKey: ['council', 'results'] }),
  );
  const items = results.data?.items ?? [];
  return (
    <Page title={t('council.results.title')} intro={t('council.results.intro')}>
      <ErrorAlert error={results.error} title={t('errors.loadFailed')} />
      {!results.isPending && items.length === 0 ? <Empty description={t('council.results.empty')} /> : null}
      <Row gutter={[16, 16]}>
        {items.map((p) => (
          <Col key={p.id} xs={24} md={12} xl={8}>
            <Card title={<h2 className="gz-section-title">{p.name}</h2>} data-testid={`result-${p.id}`}>
              <Tag>{p.kind}</Tag>
              <Tag color={p.status === 'completed' ? 'green' : 'blue'}>
                {t(`council.results.${p.status}`)}
              </Tag>
              {p.description ? <p>{p.description}</p> : null}
              <p>
                <strong>{t('council.projects.result')}：</strong>
                {p.resultSummary}
              </p>
              <Progress percent={p.progress} aria-label={t('council.projects.progress')} />
              <p>
                {t('council.projects.owners')}：
                {p.owners.map((o) => (o.role ? `${o.name}（${o.role}）` : o.name)).join('、')}
              </p>
              {p.members.length ? (
                <p>
                  {t('council.project.members')}：{p.members.map((o) => o.name).join('、')}
                </p>
              ) : null}
              {p.topics.length ? (
                <p>
                  {t('council.results.from')}：{p.topics.map((x) => x.title).join('；')}
                </p>
              ) : null}
              <ul>
                {p.milestones.map((m) => (
                  <li key={m.id}>
                    {m.doneAt ? '✓ ' : '○ '}
                    {m.title}
                    {m.dueOn ? `（${m.dueOn}）` : ''}
                  </li>
                ))}
              </ul>
              {p.publishedAt ? (
                <p className="gz-muted">
                  {t('council.results.publishedAt', {
                    date: dateOf(p.publishedAt),
                  })}
                </p>
              ) : null}
            </Card>
          </Col>
        ))}
      </Row>
    </Page>
  );
}
