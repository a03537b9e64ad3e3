import { useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Empty, Form, Input, Modal, Radio, Segmented, Spin, Tag } from 'antd';
import { EditOutlined, HistoryOutlined, SoundOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  VisitChannels,
  VisitOutcomes,
  type VisitChannel,
  type VisitOutcome,
} from '../../../contract/antifraud.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { Page } from '../../components/Page.tsx';
import { useEntries, useEntry, useRecordVisit, type Entry } from './antifraud.api.ts';
import { streetDay } from '../../components/streetClock.ts';
import { TierTag } from './labels.tsx';
import './antifraud.css';

type Filter = 'all' | 'pending' | 'due';

const TIER_RANK = { high: 0, medium: 1, low: 2 } as const;

/** Who needs a visit first: due this round, then overdue review, then tier and review date. */
function byUrgency(a: Entry, b: Entry): number {
  return (
    Number(b.roundPending) - Number(a.roundPending) ||
    Number(b.reviewDue) - Number(a.reviewDue) ||
    TIER_RANK[a.tier] - TIER_RANK[b.tier] ||
    a.reviewOn.localeCompare(b.reviewOn)
  );
}

/** 我的反诈走访: an anti-fraud worker's own entries, usable on a phone. */
export function VisitsPage() {
  const { t } = useTranslation();
  const entries = useEntries({ mine: true });
  const [filter, setFilter] = useState<Filter>('all');
  const [visiting, setVisiting] = useState<Entry | null>(null);
  const [history, setHistory] = useState<Entry | null>(null);
  const items = useMemo(() => {
    const all = [...(entries.data?.items ?? [])].sort(byUrgency);
    if (filter === 'pending') return all.filter((e) => e.roundPending);
    if (filter === 'due') return all.filter((e) => e.reviewDue);
    return all;
  }, [entries.data, filter]);
  const count = (f: Filter) =>
    (entries.data?.items ?? []).filter((e) => f === 'all' || (f === 'pending' ? e.roundPending : e.reviewDue))
      .length;

  return (
    <Page
      title={t('antifraud.visits.title')}
      intro={t('antifraud.visits.intro')}
      actions={
        <ButtonLink to="/my/anti-fraud" icon={<SoundOutlined aria-hidden />}>
          {t('antifraud.navMine')}
        </ButtonLink>
      }
    >
      <ErrorAlert
        error={entries.error}
        title={t('errors.loadFailed')}
        onRetry={() => void entries.refetch()}
      />
      <Segmented<Filter>
        className="gz-af-filters"
        aria-label={t('antifraud.visits.filterLabel')}
        value={filter}
        onChange={setFilter}
        options={(['all', 'pending', 'due'] as const).map((f) => ({
          value: f,
          label: `${t(`antifraud.visits.filter${f === 'all' ? 'All' : f === 'pending' ? 'Pending' : 'Due'}`)} (${count(f)})`,
        }))}
      />
      {entries.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={t('antifraud.visits.empty')} />
      ) : (
        <div className="gz-af-cards">
          {items.map((e) => (
            <Card key={e.id} className="gz-af-card" data-testid={`af-entry-${e.id}`} size="small">
              <div className="gz-af-person">
                {e.personName} <span className="gz-af-meta">· {e.address}</span>
              </div>
              <div className="gz-af-tags">
                <TierTag tier={e.tier} />
                {e.roundPending ? <Tag color="volcano">{t('antifraud.visits.roundPending')}</Tag> : null}
                {e.reviewDue ? <Tag color="gold">{t('antifraud.visits.reviewDue')}</Tag> : null}
              </div>
              <div className="gz-af-meta">{t(`antifraud.reason.${e.reasonCode}`)}</div>
              <div className="gz-af-meta">
                {t('antifraud.visits.lastVisit')}：
                {e.lastVisitOn
                  ? `${e.lastVisitOn} ${e.lastVisitChannel ? t(`antifraud.channel.${e.lastVisitChannel}`) : ''} · ${t('antifraud.visits.visitCount', { count: e.visitCount })}`
                  : t('antifraud.visits.never')}
              </div>
              <div className="gz-af-meta">
                {t('antifraud.visits.reviewOn')}：{e.reviewOn}
              </div>
              <div className="gz-af-actions">
                <Button
                  type="primary"
                  icon={<EditOutlined aria-hidden />}
                  onClick={() => setVisiting(e)}
                  aria-label={`${t('antifraud.visits.record')} ${e.personName}`}
                >
                  {t('antifraud.visits.record')}
                </Button>
                <Button
                  icon={<HistoryOutlined aria-hidden />}
                  onClick={() => setHistory(e)}
                  aria-label={`${t('antifraud.visits.history')} ${e.personName}`}
                >
                  {t('antifraud.visits.history')}
                </Button>
              </div>
            </Card>
          ))}
        </div>
      )}
      {visiting ? <VisitModal entry={visiting} onClose={() => setVisiting(null)} /> : null}
      {history ? <HistoryModal entry={history} onClose={() => setHistory(null)} /> : null}
    </Page>
  );
}

interface VisitValues {
  channel: VisitChannel;
  visitedOn: string;
  outcomes: VisitOutcome[];
  minutes?: string;
}

/** Records one visit: how, when, what came of it, and a short note without case details. */
export function VisitModal({ entry, onClose }: { entry: Entry; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordVisit();
  const [form] = Form.useForm<VisitValues>();
  const [unmatched, setUnmatched] = useState<ReturnType<typeof applyFieldErrors>>([]);
  return (
    <Modal
      open
      title={t('antifraud.visitForm.title', { name: entry.personName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      okText={t('antifraud.visits.record')}
    >
      <ErrorAlert error={record.error} fieldErrors={unmatched} />
      <Form<VisitValues>
        form={form}
        layout="vertical"
        initialValues={{ channel: 'in_person', visitedOn: streetDay(), outcomes: [] }}
        onFinish={(v) =>
          record.mutate(
            { entryId: entry.id, ...v, minutes: v.minutes ?? '' },
            {
              onSuccess: () => {
                void message.success(t('antifraud.visitForm.saved'));
                onClose();
              },
              onError: (error) =>
                setUnmatched(applyFieldErrors(form, error, ['channel', 'visitedOn', 'outcomes', 'minutes'])),
            },
          )
        }
      >
        <Form.Item name="channel" label={t('antifraud.visitForm.channel')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            options={VisitChannels.map((c) => ({ value: c, label: t(`antifraud.channel.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="visitedOn" label={t('antifraud.visitForm.visitedOn')} rules={[{ required: true }]}>
          <Input type="date" max={streetDay()} />
        </Form.Item>
        <Form.Item name="outcomes" label={t('antifraud.visitForm.outcomes')}>
          <Checkbox.Group
            className="gz-af-outcomes"
            options={VisitOutcomes.map((o) => ({ value: o, label: t(`antifraud.outcome.${o}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="minutes"
          label={t('antifraud.visitForm.minutes')}
          extra={t('antifraud.visitForm.minutesHint')}
        >
          <Input.TextArea rows={3} maxLength={300} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** An entry's visits, newest first. */
function HistoryModal({ entry, onClose }: { entry: Entry; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useEntry(entry.id);
  return (
    <Modal
      open
      title={`${t('antifraud.visits.history')}：${entry.personName}`}
      onCancel={onClose}
      footer={null}
    >
      <ErrorAlert error={detail.error} />
      {detail.isPending ? (
        <Spin />
      ) : (detail.data?.visits.length ?? 0) === 0 ? (
        <Empty description={t('antifraud.visits.noHistory')} />
      ) : (
        detail.data?.visits.map((v) => (
          <div key={v.id} className="gz-af-visit">
            <strong>
              {v.visitedOn} · {t(`antifraud.channel.${v.channel}`)}
            </strong>
            {v.workerName ? <span> · {v.workerName}</span> : null}
            <div className="gz-af-tags">
              {v.outcomes.map((o) => (
                <Tag key={o}>{t(`antifraud.outcome.${o}`)}</Tag>
              ))}
            </div>
            {v.minutes ? <div>{v.minutes}</div> : null}
          </div>
        ))
      )}
    </Modal>
  );
}
