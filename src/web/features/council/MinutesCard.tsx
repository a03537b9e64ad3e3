import { useEffect } from 'react';
import { Alert, App, Button, Form, Input, Popconfirm, Space, Tag } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { usePublishMinutes, useSaveMinutes, type Meeting } from './council.api.ts';

/** An invitee's reply (参加 / 不参加 / 待定), and who gave it when another member of the household did. */
export function RsvpTag({ participant: p }: { participant: Meeting['participants'][number] }) {
  const { t } = useTranslation();
  if (!p.rsvp) return null;
  const color = p.rsvp === 'yes' ? 'green' : p.rsvp === 'no' ? 'red' : 'gold';
  return (
    <>
      <Tag color={color}>{t(`council.rsvp.answers.${p.rsvp}`)}</Tag>
      {p.rsvpByName ? <span>{t('council.rsvp.by', { name: p.rsvpByName })}</span> : null}
    </>
  );
}

/**
 * The minutes: written and saved (the meeting counts as held), then published with the resolutions
 * to the invited residents, who are told. Saving again after publishing needs publishing again.
 */
export function MinutesForm({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const when = useDateTimeFormat();
  const { message } = App.useApp();
  const save = useSaveMinutes(meeting.id);
  const publish = usePublishMinutes(meeting.id);
  const [form] = Form.useForm<{ minutes: string }>();
  useEffect(() => form.setFieldsValue({ minutes: meeting.minutes ?? '' }), [form, meeting.minutes]);
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) =>
        save.mutate(
          { minutes: v.minutes, held: true },
          { onSuccess: () => void message.success(t('council.meeting.saved')) },
        )
      }
    >
      <ErrorAlert error={save.error ?? publish.error} />
      <Form.Item name="minutes" label={t('council.meeting.minutes')} rules={[{ required: true }]}>
        <Input.TextArea rows={6} />
      </Form.Item>
      {meeting.minutesPublishedAt ? (
        <Alert
          className="gz-mb"
          type="success"
          showIcon
          data-testid="minutes-published"
          title={t('council.publish.publishedAt', { at: when(meeting.minutesPublishedAt) })}
        />
      ) : (
        <p>{t('council.publish.help')}</p>
      )}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('council.meeting.saveMinutes')}
        </Button>
        <Popconfirm
          title={t('council.publish.help')}
          disabled={!meeting.minutes}
          onConfirm={() =>
            publish.mutate(undefined, { onSuccess: () => void message.success(t('council.publish.done')) })
          }
        >
          <Button
            icon={<NotificationOutlined aria-hidden />}
            disabled={!meeting.minutes}
            loading={publish.isPending}
          >
            {meeting.minutesPublishedAt ? t('council.publish.again') : t('council.publish.button')}
          </Button>
        </Popconfirm>
      </Space>
    </Form>
  );
}
