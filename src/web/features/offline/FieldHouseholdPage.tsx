import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Form, Input, Radio } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { VisitMethods } from '../../../contract/households.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { enqueue, loadHousehold, type OfflineHousehold, type OutboxItem } from '../../offline/device.ts';
import { flushOutbox } from '../../offline/sync.ts';
import { useDevice } from '../../offline/useDevice.ts';
import { SyncStatus } from './FieldPage.tsx';
import './offline.css';

const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** Empty fields are left out, not sent as "" (the server's optional fields are absent or filled). */
function compact(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
}

/** A household's file as kept on the phone, and the three records a doorstep visit produces. */
export function FieldHouseholdPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const device = useDevice();
  const [household, setHousehold] = useState<OfflineHousehold | null | undefined>(undefined);
  useEffect(() => {
    void loadHousehold(id).then((h) => setHousehold(h ?? null));
  }, [id]);
  if (household === undefined) return <FullPageSpin />;
  const back = <ButtonLink to="/field">{t('offline.back')}</ButtonLink>;
  if (household === null)
    return (
      <Page title={t('offline.title')} actions={back}>
        <Alert type="warning" showIcon title={t('offline.notOnDevice')} />
      </Page>
    );
  const label = t('offline.file.address', {
    estate: household.estateName,
    address: `${household.buildingNumber}${household.room}`,
  });
  return (
    <Page title={`${label} · ${household.headName}`} actions={back}>
      <SyncStatus device={device} />
      <HouseholdFacts household={household} />
      <VisitForm household={household} label={label} />
      <ConcernForm household={household} label={label} />
      <PhotoForm household={household} label={label} />
    </Page>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card title={<h2 className="gz-section-title">{title}</h2>} className="gz-off-card">
      {children}
    </Card>
  );
}

function HouseholdFacts({ household: h }: { household: OfflineHousehold }) {
  const { t } = useTranslation();
  const formatTime = useDateTimeFormat();
  const none = <p className="gz-off-muted">{t('offline.file.none')}</p>;
  return (
    <Section title={t('offline.file.facts')}>
      <p>{t('offline.file.head', { name: h.headName })}</p>
      {h.nextFollowUp ? <p>{t('offline.file.nextFollowUp', { date: h.nextFollowUp })}</p> : null}
      <h3 className="gz-off-subtitle">{t('offline.file.members')}</h3>
      {h.members.length ? <p>{h.members.map((m) => `${m.name}（${m.relation}）`).join('、')}</p> : none}
      <h3 className="gz-off-subtitle">{t('offline.file.recentVisits')}</h3>
      {h.visits.length ? (
        <ul className="gz-off-list">
          {h.visits.map((v) => (
            <li key={v.id} className="gz-off-row">
              <span className="gz-off-muted">{formatTime(v.visitedAt)}</span> {v.summary}
              {v.emotionalNotes ? <p className="gz-off-text">{v.emotionalNotes}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        none
      )}
      <h3 className="gz-off-subtitle">{t('offline.file.openConcerns')}</h3>
      {h.concerns.length ? (
        <ul className="gz-off-list">
          {h.concerns.map((c) => (
            <li key={c.id} className="gz-off-row">
              {c.content}
            </li>
          ))}
        </ul>
      ) : (
        none
      )}
    </Section>
  );
}

/** Puts a record in the outbox and tries to send it at once (it waits there without a signal). */
function useSave(household: OfflineHousehold, label: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return async (record: Pick<OutboxItem, 'kind' | 'body' | 'photo' | 'caption' | 'recordedAt'>) => {
    await enqueue({ ...record, householdId: household.id, householdLabel: `${label} ${household.headName}` });
    void message.success(t('offline.saved'));
    void flushOutbox();
  };
}

interface VisitValues {
  method: (typeof VisitMethods)[number];
  summary: string;
  decisionMaker?: string;
  trustedPerson?: string;
  emotionalNotes?: string;
  nextFollowUp?: string;
}

function VisitForm({ household, label }: { household: OfflineHousehold; label: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<VisitValues>();
  const save = useSave(household, label);
  const submit = async (values: VisitValues) => {
    const recordedAt = new Date().toISOString();
    await save({ kind: 'visit', recordedAt, body: { ...compact({ ...values }), visitedAt: recordedAt } });
    form.resetFields();
  };
  return (
    <Section title={t('offline.visitForm.title')}>
      <Form<VisitValues>
        form={form}
        layout="vertical"
        name="offline-visit"
        initialValues={{ method: 'door' }}
        onFinish={submit}
      >
        <Form.Item name="method" label={t('offline.visitForm.method')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={VisitMethods.map((m) => ({ value: m, label: t(`households.visits.method_${m}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('offline.visitForm.summary')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('offline.required', { field: t('offline.visitForm.summary') }),
            },
          ]}
        >
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="decisionMaker" label={t('offline.visitForm.decisionMaker')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="trustedPerson" label={t('offline.visitForm.trustedPerson')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="emotionalNotes" label={t('offline.visitForm.emotionalNotes')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="nextFollowUp" label={t('offline.visitForm.nextFollowUp')}>
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          {t('offline.visitForm.submit')}
        </Button>
      </Form>
    </Section>
  );
}

interface ConcernValues {
  content: string;
  dueDate?: string;
}

function ConcernForm({ household, label }: { household: OfflineHousehold; label: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ConcernValues>();
  const save = useSave(household, label);
  const submit = async (values: ConcernValues) => {
    const recordedAt = new Date().toISOString();
    await save({ kind: 'concern', recordedAt, body: { ...compact({ ...values }), recordedAt } });
    form.resetFields();
  };
  return (
    <Section title={t('offline.concernForm.title')}>
      <Form<ConcernValues> form={form} layout="vertical" name="offline-concern" onFinish={submit}>
        <Form.Item
          name="content"
          label={t('offline.concernForm.content')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('offline.required', { field: t('offline.concernForm.content') }),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('offline.concernForm.dueDate')}>
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          {t('offline.concernForm.submit')}
        </Button>
      </Form>
    </Section>
  );
}

function PhotoForm({ household, label }: { household: OfflineHousehold; label: string }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [error, setError] = useState<string | null>(null);
  // a new key empties the file input after a save (its value cannot be set from script)
  const [inputKey, setInputKey] = useState(0);
  const save = useSave(household, label);
  const pick = (chosen: File | undefined) => {
    setFile(null);
    if (!chosen) return setError(null);
    if (!PHOTO_TYPES.includes(chosen.type)) return setError(t('offline.photoForm.wrongType'));
    if (chosen.size > PHOTO_MAX_BYTES) return setError(t('offline.photoForm.tooLarge'));
    setError(null);
    setFile(chosen);
  };
  const submit = async () => {
    if (!file) return setError(t('offline.required', { field: t('offline.photoForm.file') }));
    // the Blob itself goes in IndexedDB: kept whole until the server has it
    const photo = new Blob([await file.arrayBuffer()], { type: file.type });
    await save({
      kind: 'photo',
      recordedAt: new Date().toISOString(),
      photo,
      caption: caption.trim() || undefined,
    });
    setFile(null);
    setCaption('');
    setInputKey((k) => k + 1);
  };
  return (
    <Section title={t('offline.photoForm.title')}>
      <label className="gz-off-field">
        <span>{t('offline.photoForm.file')}</span>
        <input
          key={inputKey}
          type="file"
          accept={PHOTO_TYPES.join(',')}
          capture="environment"
          onChange={(e) => pick(e.target.files?.[0])}
        />
      </label>
      <label className="gz-off-field">
        <span>{t('offline.photoForm.caption')}</span>
        <Input value={caption} maxLength={200} onChange={(e) => setCaption(e.target.value)} />
      </label>
      {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
      <Button type="primary" block onClick={() => void submit()}>
        {t('offline.photoForm.submit')}
      </Button>
    </Section>
  );
}
