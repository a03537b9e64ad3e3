import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Result, Select } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { redirectLabel, statusLabel } from './labels.ts';
import {
  uploadPhoto,
  useCreateSuggestion,
  useSimilar,
  useTopics,
  type CreatedSuggestion,
} from './suggestions.api.ts';
import './suggestions.css';

interface Values {
  subject: string;
  reason: string;
  proposal: string;
  proposerName: string;
  proposerPhone?: string;
  topicId?: number;
  thankConsent?: boolean;
}

const PHOTO_MAX = 5 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** 提建议 (第十条): subject, reason, proposal, who I am; similar suggestions appear while typing. */
export function SubmitSuggestionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const topics = useTopics();
  const create = useCreateSuggestion();
  const [photo, setPhoto] = useState<File | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [done, setDone] = useState<CreatedSuggestion | null>(null);

  // Similar suggestions follow the text, a moment after typing stops.
  const subject = Form.useWatch('subject', form) ?? '';
  const reason = Form.useWatch('reason', form) ?? '';
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setText(`${subject}\n${reason}`.trim()), 600);
    return () => clearTimeout(timer);
  }, [subject, reason]);
  const similar = useSimilar(text);

  const topicId = params.get('topicId');
  const openTopics = (topics.data?.items ?? []).filter((x) => x.status === 'open');

  const choosePhoto = (file: File | undefined) => {
    setPhotoError(null);
    if (!file) return setPhoto(null);
    if (!PHOTO_TYPES.includes(file.type)) return setPhotoError(t('suggestions.submit.photoType'));
    if (file.size > PHOTO_MAX) return setPhotoError(t('suggestions.submit.photoSize'));
    setPhoto(file);
  };

  const submit = async (values: Values) => {
    const created = await create.mutateAsync({
      ...values,
      channel: 'online',
      thankConsent: values.thankConsent ?? false,
    });
    if (photo) {
      try {
        await uploadPhoto(created.id, photo);
      } catch (error) {
        setUploadError(error);
      }
    }
    setDone(created);
  };

  if (done) {
    return (
      <div className="gz-resident">
        <Page title={t('suggestions.submit.title')}>
          <Result
            status="success"
            title={t('suggestions.submit.thanks')}
            subTitle={t('suggestions.submit.number', { id: done.id })}
            extra={[
              <Button
                key="view"
                type="primary"
                size="large"
                onClick={() => void navigate(`/suggest/${done.id}`)}
              >
                {t('suggestions.submit.follow')}
              </Button>,
              <Button key="back" size="large" onClick={() => void navigate('/suggest')}>
                {t('suggestions.submit.back')}
              </Button>,
            ]}
          />
          {done.redirectHint ? (
            <Alert
              type="warning"
              showIcon
              title={t('suggestions.submit.redirectHint', {
                target: redirectLabel(t, done.redirectHint.target),
              })}
              description={done.redirectHint.reason}
            />
          ) : null}
          <ErrorAlert error={uploadError} title={t('suggestions.submit.photoFailed')} />
        </Page>
      </div>
    );
  }

  return (
    <div className="gz-resident">
      <Page title={t('suggestions.submit.title')} intro={t('suggestions.submit.intro')}>
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          style={{ maxWidth: 720 }}
          initialValues={{ topicId: topicId ? Number(topicId) : undefined, thankConsent: false }}
          onFinish={(values) => void submit(values).catch(() => undefined)}
        >
          <Form.Item name="topicId" label={t('suggestions.submit.topic')}>
            <Select
              allowClear
              placeholder={t('suggestions.submit.noTopic')}
              options={openTopics.map((x) => ({ value: x.id, label: x.subject }))}
            />
          </Form.Item>
          <Form.Item
            name="subject"
            label={t('suggestions.field.subject')}
            rules={[{ required: true, min: 2, max: 100, message: t('suggestions.submit.subjectRule') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('suggestions.field.reason')}
            rules={[{ required: true, min: 2, message: t('suggestions.submit.reasonRule') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          {similar.data && similar.data.length > 0 ? (
            <div className="gz-sg-similar" role="status" aria-live="polite">
              <strong>{t('suggestions.submit.similar')}</strong>
              <ul>
                {similar.data.map((s) => (
                  <li key={s.id}>
                    {s.subject}（{statusLabel(t, s.status)}）
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form.Item
            name="proposal"
            label={t('suggestions.field.proposal')}
            rules={[{ required: true, min: 2, message: t('suggestions.submit.proposalRule') }]}
          >
            <Input.TextArea rows={4} maxLength={4000} showCount />
          </Form.Item>
          <Form.Item
            name="proposerName"
            label={t('suggestions.field.proposerName')}
            rules={[{ required: true, message: t('suggestions.submit.nameRule') }]}
          >
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="proposerPhone"
            label={t('suggestions.field.proposerPhone')}
            extra={t('suggestions.submit.phoneNote')}
            rules={[{ pattern: /^[0-9+\-\s]{5,20}$/, message: t('suggestions.submit.phoneRule') }]}
          >
            <Input maxLength={20} inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item
            label={t('suggestions.submit.photo')}
            extra={photoError ?? t('suggestions.submit.photoNote')}
            validateStatus={photoError ? 'error' : undefined}
          >
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp"
              aria-label={t('suggestions.submit.photo')}
              onChange={(e) => choosePhoto(e.target.files?.[0])}
            />
          </Form.Item>
          <Form.Item name="thankConsent" valuePropName="checked">
            <Checkbox>{t('suggestions.submit.consent')}</Checkbox>
          </Form.Item>
          <ErrorAlert error={create.error} title={t('suggestions.submit.failed')} />
          <Button type="primary" htmlType="submit" size="large" loading={create.isPending}>
            {t('suggestions.submit.send')}
          </Button>{' '}
          <Link to="/suggest">{t('common.cancel')}</Link>
        </Form>
      </Page>
    </div>
  );
}
