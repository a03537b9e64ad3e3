import { useState } from 'react';
import { Button, Card, Input, Radio, Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { PhotoPicker } from './common.tsx';
import { usePlan, useSafetyMutation, type PatrolRecord, type RecordBody } from './safety.api.ts';

interface ItemState {
  passed: boolean | null;
  note: string;
  photos: number[];
}

/** The patrol form, made for a phone: one card per checklist item, pass or fail, note and photo. */
export function PatrolRecordPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const plan = usePlan(id);
  const [place, setPlace] = useState('');
  const [note, setNote] = useState('');
  const [items, setItems] = useState<Record<string, ItemState>>({});
  const [done, setDone] = useState<PatrolRecord | null>(null);
  const save = useSafetyMutation((body: RecordBody) =>
    api.post<PatrolRecord>(`/safety/patrol-plans/${id}/records`, body),
  );
  const p = plan.data;
  const state = (key: string): ItemState => items[key] ?? { passed: null, note: '', photos: [] };
  const set = (key: string, patch: Partial<ItemState>) =>
    setItems((s) => ({ ...s, [key]: { ...state(key), ...patch } }));
  const complete = p ? p.checklist.every((c) => state(c.key).passed !== null) : false;

  const submit = async () => {
    if (!p) return;
    const record = await save.mutateAsync({
      place: place || undefined,
      note: note || undefined,
      items: p.checklist.map((c) => {
        const s = state(c.key);
        return {
          key: c.key,
          passed: s.passed === true,
          note: s.note || undefined,
          photoFileId: s.photos[0],
        };
      }),
    });
    setDone(record);
  };

  if (done)
    return (
      <Page title={t('safety.record.done')}>
        <Result
          status="success"
          title={t('safety.record.done')}
          subTitle={
            done.failedCount > 0
              ? t('safety.record.ordersOpened', { n: done.failedCount })
              : t('safety.patrols.allPassed')
          }
          extra={<ButtonLink to="/safety/patrols">{t('safety.tabs.patrols')}</ButtonLink>}
        />
      </Page>
    );

  return (
    <Page title={t('safety.record.title', { name: p?.name ?? '' })} intro={t('safety.record.intro')}>
      <ErrorAlert error={plan.error ?? save.error} />
      {p ? (
        <div style={{ maxWidth: 560 }}>
          <label style={{ display: 'block', marginBottom: 12 }}>
            <div style={{ marginBottom: 4 }}>{t('safety.record.place')}</div>
            <Input
              size="large"
              value={place}
              onChange={(e) => setPlace(e.target.value)}
              placeholder={p.places[0] ?? ''}
            />
          </label>
          {p.checklist.map((c, i) => {
            const s = state(c.key);
            return (
              <Card key={c.key} size="small" style={{ marginBottom: 12 }} title={`${i + 1}. ${c.text}`}>
                <Radio.Group
                  size="large"
                  value={s.passed}
                  onChange={(e) => set(c.key, { passed: e.target.value as boolean })}
                  aria-label={c.text}
                >
                  <Radio.Button value={true} data-testid={`safety-item-pass-${c.key}`}>
                    {t('safety.record.pass')}
                  </Radio.Button>
                  <Radio.Button value={false} data-testid={`safety-item-fail-${c.key}`}>
                    {t('safety.record.fail')}
                  </Radio.Button>
                </Radio.Group>
                {s.passed === false ? (
                  <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
                    <Input.TextArea
                      rows={2}
                      placeholder={t('safety.record.note')}
                      aria-label={`${c.text} ${t('safety.record.note')}`}
                      value={s.note}
                      onChange={(e) => set(c.key, { note: e.target.value })}
                    />
                    <PhotoPicker
                      value={s.photos}
                      onChange={(photos) => set(c.key, { photos })}
                      label={t('safety.record.photo')}
                      max={1}
                    />
                  </Space>
                ) : null}
              </Card>
            );
          })}
          <label style={{ display: 'block', marginBottom: 12 }}>
            <div style={{ marginBottom: 4 }}>{t('safety.record.overall')}</div>
            <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <Button
            type="primary"
            size="large"
            block
            disabled={!complete}
            loading={save.isPending}
            onClick={() => void submit().catch(() => undefined)}
            data-testid="safety-record-submit"
          >
            {t('safety.record.submit')}
          </Button>
        </div>
      ) : null}
    </Page>
  );
}
