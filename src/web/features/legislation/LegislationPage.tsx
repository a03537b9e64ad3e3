import { useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  List,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  type TableProps,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import {
  useDrafts,
  useFigures,
  useImportDraft,
  useMyOpinions,
  type DraftSummary,
} from './legislation.api.ts';
import { OutcomeTag } from './OutcomeTag.tsx';
import './legislation.css';

/** The legislative contact point: figures, drafts under consultation, import (staff), my opinions (residents). */
export function LegislationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = hasPermission(me, 'legislation.manage');
  const canComment = hasPermission(me, 'legislation.comment');
  return (
    <Page
      title={t('legislation.pageTitle')}
      intro={t('legislation.intro')}
      actions={<Link to="/legislation/events">{t('legislation.eventsLink')}</Link>}
    >
      <FiguresRow />
      {canManage ? <ImportDraft /> : null}
      {canComment ? <MyOpinions /> : null}
      <DraftList />
    </Page>
  );
}

function FiguresRow() {
  const { t } = useTranslation();
  const figures = useFigures();
  if (!figures.data) return <ErrorAlert error={figures.error} />;
  const f = figures.data;
  const items: Array<[string, number]> = [
    [t('legislation.figEvents'), f.events],
    [t('legislation.figDrafts'), f.drafts],
    [t('legislation.figParticipants'), f.participants],
    [t('legislation.figOpinions'), f.opinions],
    [t('legislation.figAdopted'), f.adopted],
  ];
  return (
    <section aria-label={t('legislation.figuresTitle')} style={{ marginBottom: 24 }}>
      <Row gutter={[16, 16]}>
        {items.map(([label, value]) => (
          <Col key={label} xs={12} sm={8} md={4}>
            <Card size="small">
              <Statistic title={label} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
    </section>
  );
}

function ImportDraft() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const importDraft = useImportDraft();
  const input = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const problems =
    isApiError(importDraft.error, 'validation_failed') && Array.isArray(importDraft.error.details)
      ? (importDraft.error.details as Array<{ line?: number; message: string }>)
      : [];
  return (
    <Card title={t('legislation.importTitle')} style={{ marginBottom: 24 }}>
      <p>{t('legislation.importHelp')}</p>
      <Space wrap align="end">
        <label>
          {t('legislation.importTitleLabel')}
          <Input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            placeholder={t('legislation.importTitlePlaceholder')}
            style={{ width: 320, display: 'block' }}
          />
        </label>
        <label>
          {t('legislation.importFile')}
          <input
            ref={input}
            type="file"
            accept=".md,.markdown,.txt,text/plain,text/markdown"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            style={{ display: 'block', minHeight: 44 }}
          />
        </label>
        <Button
          type="primary"
          icon={<UploadOutlined aria-hidden />}
          disabled={!file}
          loading={importDraft.isPending}
          onClick={async () => {
            if (!file) return;
            const text = await file.text();
            const result = await importDraft
              .mutateAsync({ text, ...(title.trim() ? { title: title.trim() } : {}) })
              .catch(() => null);
            if (result) {
              void message.success(
                t('legislation.imported', { title: result.title, articles: result.counts.articles }),
              );
              setFile(null);
              setTitle('');
              if (input.current) input.current.value = '';
            }
          }}
        >
          {t('legislation.importSubmit')}
        </Button>
      </Space>
      {importDraft.error ? (
        problems.length ? (
          <Alert
            style={{ marginTop: 16 }}
            type="error"
            showIcon
            title={importDraft.error.message}
            description={
              <ul>
                {problems.map((p, i) => (
                  <li key={i}>
                    {p.line ? t('legislation.line', { line: p.line }) : ''}
                    {p.message}
                  </li>
                ))}
              </ul>
            }
          />
        ) : (
          <ErrorAlert error={importDraft.error} />
        )
      ) : null}
    </Card>
  );
}

function MyOpinions() {
  const { t } = useTranslation();
  const mine = useMyOpinions();
  return (
    <Card title={t('legislation.mineTitle')} style={{ marginBottom: 24 }}>
      <ErrorAlert error={mine.error} />
      <List
        loading={mine.isPending}
        dataSource={mine.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('legislation.mineEmpty')} /> }}
        renderItem={(o) => (
          <List.Item>
            <div style={{ fontSize: 18, lineHeight: 1.6 }}>
              <div>
                <Link to={`/legislation/drafts/${o.draftId}${o.anchor ? `#${o.anchor}` : ''}`}>
                  {o.draftTitle} {o.articleLabel ?? t('legislation.wholeDraft')}
                </Link>
              </div>
              <div>{o.text}</div>
              <div>
                <OutcomeTag opinion={o} />
                {o.outcomeNote ? <span>{o.outcomeNote}</span> : null}
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

function DraftList() {
  const { t } = useTranslation();
  const me = useMe();
  const drafts = useDrafts();
  const formatDate = useDateTimeFormat();
  const canManage = hasPermission(me, 'legislation.manage');
  const columns: TableProps<DraftSummary>['columns'] = [
    {
      title: t('legislation.draftTitle'),
      key: 'title',
      render: (_, d) => <Link to={`/legislation/drafts/${d.id}`}>{d.title}</Link>,
    },
    {
      title: t('legislation.structure'),
      key: 'counts',
      render: (_, d) =>
        t('legislation.countsText', {
          chapters: d.counts.chapters,
          sections: d.counts.sections,
          articles: d.counts.articles,
        }),
    },
    { title: t('legislation.opinionCount'), dataIndex: 'opinionCount', key: 'opinionCount' },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, d) =>
        d.submittedAt ? (
          <Tag>{t('legislation.submittedOn', { time: formatDate(d.submittedAt) })}</Tag>
        ) : (
          <Tag color="processing">{t('legislation.open')}</Tag>
        ),
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, d: DraftSummary) => (
              <Link to={`/legislation/drafts/${d.id}/report`}>{t('legislation.reportLink')}</Link>
            ),
          },
        ]
      : []),
  ];
  return (
    <section aria-label={t('legislation.draftsTitle')}>
      <h2>{t('legislation.draftsTitle')}</h2>
      <ErrorAlert error={drafts.error} />
      <Table<DraftSummary>
        rowKey="id"
        columns={columns}
        dataSource={drafts.data?.items ?? []}
        loading={drafts.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
    </section>
  );
}
