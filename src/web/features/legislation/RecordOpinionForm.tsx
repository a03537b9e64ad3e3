import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Input, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import {
  useEvents,
  useRecordOpinions,
  type DraftArticle,
  type DraftNode,
  type OpinionKind,
  type RecordedOpinionInput,
} from './legislation.api.ts';

const KINDS: OpinionKind[] = ['amend', 'delete', 'add', 'principle'];

function flattenArticles(nodes: DraftNode[]): DraftArticle[] {
  return nodes.flatMap((n) => (n.type === 'article' ? [n] : flattenArticles(n.children)));
}

/**
 * 信息员: enter one opinion collected on a paper form or at a meeting. After saving, the target, the
 * channel and the event stay chosen so that a stack of forms can be entered one after another.
 */
export function RecordOpinionForm({ draftId, nodes }: { draftId: number; nodes: DraftNode[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordOpinions(draftId);
  const [open, setOpen] = useState(false);
  const events = useEvents(draftId, open);
  const articles = useMemo(() => flattenArticles(nodes), [nodes]);
  const [channel, setChannel] = useState<'paper' | 'meeting'>('paper');
  const [eventId, setEventId] = useState<number | undefined>(undefined);
  const [articleId, setArticleId] = useState<number | undefined>(undefined);
  const [paragraph, setParagraph] = useState<number | undefined>(undefined);
  const [item, setItem] = useState<number | undefined>(undefined);
  const [kind, setKind] = useState<OpinionKind>('principle');
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [named, setNamed] = useState(true);
  const [authorName, setAuthorName] = useState('');

  const article = articles.find((a) => a.id === articleId);
  const para = article?.paragraphs.find((p) => p.number === paragraph);
  const nameMissing = named && !authorName.trim();

  if (!open) {
    return (
      <Card size="small" title={t('legislation.recordTitle')} style={{ marginBottom: 24 }}>
        <p style={{ fontSize: 16 }}>{t('legislation.recordHelp')}</p>
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('legislation.recordOpen')}
        </Button>
      </Card>
    );
  }

  return (
    <Card title={t('legislation.recordTitle')} style={{ marginBottom: 24 }}>
      <form
        aria-label={t('legislation.recordTitle')}
        className="gz-record-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim().length < 2 || nameMissing) return;
          const opinion: RecordedOpinionInput = {
            kind,
            text: text.trim(),
            ...(articleId ? { articleId } : {}),
            ...(articleId && paragraph ? { paragraph } : {}),
            ...(articleId && paragraph && item ? { item } : {}),
            ...(reason.trim() ? { reason: reason.trim() } : {}),
            ...(named ? { authorName: authorName.trim() } : {}),
          };
          record.mutate(
            { channel, ...(eventId ? { eventId } : {}), opinions: [opinion] },
            {
              onSuccess: (r) => {
                void message.success(t('legislation.recorded', { n: r.changed }));
                setText('');
                setReason('');
                setAuthorName('');
              },
            },
          );
        }}
      >
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap size="large" align="start">
            <fieldset>
              <legend>{t('legislation.recordChannel')}</legend>
              <Radio.Group value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)}>
                <Radio.Button value="paper">{t('legislation.channel_paper')}</Radio.Button>
                <Radio.Button value="meeting">{t('legislation.channel_meeting')}</Radio.Button>
              </Radio.Group>
            </fieldset>
            <label className="gz-record-field">
              <span>{t('legislation.recordEvent')}</span>
              <Select
                style={{ width: 360 }}
                allowClear
                loading={events.isPending}
                value={eventId}
                onChange={(v: number | undefined) => setEventId(v)}
                placeholder={t('legislation.recordNoEvent')}
                notFoundContent={t('legislation.recordNoEvents')}
                options={(events.data?.items ?? []).map((ev) => ({
                  value: ev.id,
                  label: `${ev.heldOn} ${ev.title}`,
                }))}
              />
            </label>
          </Space>
          <ErrorAlert error={events.error} />
          <Space wrap align="start">
            <label className="gz-record-field">
              <span>{t('legislation.recordArticle')}</span>
              <Select
                style={{ width: 260 }}
                allowClear
                showSearch
                optionFilterProp="label"
                value={articleId}
                onChange={(v: number | undefined) => {
                  setArticleId(v);
                  setParagraph(undefined);
                  setItem(undefined);
                }}
                placeholder={t('legislation.wholeDraft')}
                options={articles.map((a) => ({ value: a.id, label: a.label }))}
              />
            </label>
            {article && article.paragraphs.length > 0 ? (
              <label className="gz-record-field">
                <span>{t('legislation.recordParagraph')}</span>
                <Select
                  style={{ width: 260 }}
                  allowClear
                  value={paragraph}
                  onChange={(v: number | undefined) => {
                    setParagraph(v);
                    setItem(undefined);
                  }}
                  placeholder={t('legislation.wholeArticle')}
                  options={article.paragraphs.map((p) => ({
                    value: p.number,
                    label: t('legislation.paragraphN', { n: p.number }) + '：' + p.text.slice(0, 16),
                  }))}
                />
              </label>
            ) : null}
            {para && para.items.length > 0 ? (
              <label className="gz-record-field">
                <span>{t('legislation.recordItem')}</span>
                <Select
                  style={{ width: 260 }}
                  allowClear
                  value={item}
                  onChange={(v: number | undefined) => setItem(v)}
                  placeholder={t('legislation.wholeParagraph')}
                  options={para.items.map((i) => ({
                    value: i.number,
                    label: `${i.label} ${i.text.slice(0, 16)}`,
                  }))}
                />
              </label>
            ) : null}
          </Space>
          {article ? (
            <p className="gz-record-target">
              <a href={`#${article.anchor}`}>{article.label}</a>
              {para ? ` ${para.text}` : ''}
            </p>
          ) : null}
          <fieldset>
            <legend>{t('legislation.kind')}</legend>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as OpinionKind)}>
              {KINDS.map((k) => (
                <Radio.Button key={k} value={k}>
                  {t(`legislation.kind_${k}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </fieldset>
          <label>
            {t('legislation.text')}
            <Input.TextArea
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={4}
              required
              minLength={2}
              maxLength={4000}
            />
          </label>
          <label>
            {t('legislation.reason')}
            <Input.TextArea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              maxLength={4000}
            />
          </label>
          <fieldset>
            <legend>{t('legislation.recordProposer')}</legend>
            <Space wrap>
              <Radio.Group value={named} onChange={(e) => setNamed(e.target.value as boolean)}>
                <Radio value={true}>{t('legislation.recordNamed')}</Radio>
                <Radio value={false}>{t('legislation.recordAnonymous')}</Radio>
              </Radio.Group>
              {named ? (
                <Input
                  value={authorName}
                  onChange={(e) => setAuthorName(e.target.value)}
                  maxLength={100}
                  aria-label={t('legislation.recordName')}
                  placeholder={t('legislation.recordName')}
                  style={{ width: 220 }}
                />
              ) : null}
            </Space>
          </fieldset>
          <ErrorAlert error={record.error} />
          <Space wrap>
            <Button
              type="primary"
              htmlType="submit"
              loading={record.isPending}
              disabled={text.trim().length < 2 || nameMissing}
            >
              {t('legislation.recordSave')}
            </Button>
            <Button onClick={() => setOpen(false)}>{t('common.close')}</Button>
            <Link to="/legislation/events">{t('legislation.eventsLink')}</Link>
          </Space>
        </Space>
      </form>
    </Card>
  );
}
