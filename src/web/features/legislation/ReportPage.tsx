import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Empty, Input, List, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { describeError } from '../../components/errorMessage.ts';
import { useDateTimeFormat } from '../../components/format.ts';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import {
  reportFileUrl,
  useModerate,
  usePendingOpinions,
  useReport,
  useSetOutcome,
  useSubmitReport,
  type ConsolidatedReport,
  type Outcome,
} from './legislation.api.ts';
import './legislation.css';

type Group = ConsolidatedReport['sections'][number]['groups'][number];
const OUTCOMES: Outcome[] = ['adopted', 'partly_adopted', 'not_adopted'];

/** Staff: moderation of residents' opinions, the consolidated report, feedback, submission. */
export function ReportPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const report = useReport(id);
  if (report.isPending) return <FullPageSpin />;
  if (!report.data) return <ErrorAlert error={report.error} />;
  const r = report.data;
  return (
    <Page
      title={t('legislation.reportTitle', { title: r.title })}
      intro={t('legislation.reportIntro', { opinions: r.opinionCount, people: r.people })}
      actions={
        <Space wrap>
          <Link to={`/legislation/drafts/${id}`}>{t('legislation.readDraft')}</Link>
          <Button href={reportFileUrl(id, 'docx')}>{t('legislation.downloadDocx')}</Button>
          <Button href={reportFileUrl(id, 'pdf')}>{t('legislation.downloadPdf')}</Button>
        </Space>
      }
    >
      <Moderation draftId={id} />
      {r.sections.length === 0 ? <Empty description={t('legislation.reportEmpty')} /> : null}
      {r.sections.map((s) => (
        <Card
          key={s.articleId ?? 'general'}
          title={`${s.label}（${t('legislation.nOpinions', { n: s.opinionCount })}）`}
          style={{ marginBottom: 16 }}
        >
          {s.originalText ? <div className="gz-report-original">{s.originalText}</div> : null}
          <List dataSource={s.groups} renderItem={(g) => <GroupRow group={g} />} />
        </Card>
      ))}
      <SubmitReport draftId={id} submissions={r.submissions} />
    </Page>
  );
}

function GroupRow({ group }: { group: Group }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const setOutcome = useSetOutcome();
  const [outcome, setValue] = useState<Outcome | undefined>(group.outcome ?? undefined);
  const [note, setNote] = useState(group.outcomeNote ?? '');
  return (
    <List.Item>
      <div style={{ width: '100%' }}>
        <p>
          <Tag>{t(`legislation.kind_${group.kind}`)}</Tag>
          {group.text}
          <strong style={{ marginLeft: 8 }}>{t('legislation.people', { n: group.people })}</strong>
        </p>
        {group.variants.length ? (
          <p>{t('legislation.variants', { list: group.variants.join('；') })}</p>
        ) : null}
        {group.reasons.length ? <p>{t('legislation.reasons', { list: group.reasons.join('；') })}</p> : null}
        <Space wrap>
          <Select
            style={{ width: 160 }}
            value={outcome}
            onChange={(v: Outcome) => setValue(v)}
            placeholder={t('legislation.outcome')}
            aria-label={t('legislation.outcomeFor', { text: group.text.slice(0, 20) })}
            options={OUTCOMES.map((o) => ({ value: o, label: t(`legislation.outcome_${o}`) }))}
          />
          <Input
            style={{ width: 320 }}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('legislation.outcomeNote')}
            aria-label={t('legislation.outcomeNote')}
          />
          <Button
            type="primary"
            disabled={!outcome}
            loading={setOutcome.isPending}
            onClick={() =>
              outcome &&
              setOutcome
                .mutateAsync({
                  ids: group.opinionIds,
                  outcome,
                  ...(note.trim() ? { note: note.trim() } : {}),
                })
                .then(
                  (r) => void message.success(t('legislation.outcomeSaved', { n: r.changed })),
                  (e: unknown) => void message.error(describeError(t, e)),
                )
            }
          >
            {t('legislation.saveOutcome')}
          </Button>
        </Space>
      </div>
    </List.Item>
  );
}

function Moderation({ draftId }: { draftId: number }) {
  const { t } = useTranslation();
  const pending = usePendingOpinions(draftId, true);
  const moderate = useModerate();
  const items = pending.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card title={t('legislation.moderationTitle', { n: items.length })} style={{ marginBottom: 16 }}>
      <ErrorAlert error={moderate.error} />
      <List
        dataSource={items}
        renderItem={(o) => (
          <List.Item
            actions={[
              <Button
                key="a"
                type="primary"
                onClick={() => moderate.mutate({ ids: [o.id], decision: 'accepted' })}
              >
                {t('legislation.accept')}
              </Button>,
              <Button
                key="r"
                onClick={() =>
                  moderate.mutate({ ids: [o.id], decision: 'rejected', note: t('legislation.rejectNote') })
                }
              >
                {t('legislation.reject')}
              </Button>,
            ]}
          >
            <div>
              <strong>{o.articleLabel ?? t('legislation.wholeDraft')}</strong>（{o.authorName}）：{o.text}
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

function SubmitReport({
  draftId,
  submissions,
}: {
  draftId: number;
  submissions: ConsolidatedReport['submissions'];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatDate = useDateTimeFormat();
  const submit = useSubmitReport(draftId);
  const [to, setTo] = useState('上海市人大常委会法制工作委员会');
  return (
    <Card title={t('legislation.submitTitle')}>
      <ul>
        {submissions.map((s) => (
          <li key={s.id}>
            {t('legislation.submittedLine', {
              to: s.submittedTo,
              time: formatDate(s.submittedAt),
              n: s.opinionCount,
            })}
          </li>
        ))}
      </ul>
      <Space wrap>
        <Input
          value={to}
          onChange={(e) => setTo(e.target.value)}
          aria-label={t('legislation.submittedTo')}
          style={{ width: 320 }}
        />
        <Button
          loading={submit.isPending}
          disabled={!to.trim()}
          onClick={() =>
            submit.mutateAsync({ submittedTo: to.trim() }).then(
              () => void message.success(t('legislation.submitted')),
              (e: unknown) => void message.error(describeError(t, e)),
            )
          }
        >
          {t('legislation.submit')}
        </Button>
      </Space>
    </Card>
  );
}
