import { Button, Card, Checkbox, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { SuggestionChannels } from '../../../contract/suggestions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { channelLabel } from './labels.ts';
import { useCreateTopic } from './suggestions.api.ts';

/** A new topic call: subject, background, the channels it is open on and its deadline. */
export function NewTopicForm() {
  const { t } = useTranslation();
  const create = useCreateTopic();
  const [form] = Form.useForm<{
    subject: string;
    background: string;
    channels: string[];
    deadline: Dayjs;
    publish: boolean;
  }>();
  return (
    <Card type="inner" style={{ marginTop: 16 }} title={t('suggestions.network.newTopic')}>
      <Form
        name="sg-topic"
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            {
              subject: v.subject,
              background: v.background,
              channels: v.channels as never,
              deadline: v.deadline.toISOString(),
              publish: v.publish,
            },
            { onSuccess: () => form.resetFields() },
          )
        }
      >
        <Form.Item name="subject" label={t('suggestions.field.subject')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="background"
          label={t('suggestions.network.background')}
          rules={[{ required: true, min: 2 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="channels"
          label={t('suggestions.resident.channels')}
          rules={[{ required: true }]}
          initialValue={['online', 'point']}
        >
          <Select
            mode="multiple"
            options={SuggestionChannels.map((c) => ({ value: c, label: channelLabel(t, c) }))}
          />
        </Form.Item>
        <Form.Item name="deadline" label={t('suggestions.network.deadline')} rules={[{ required: true }]}>
          <DatePicker showTime />
        </Form.Item>
        <Form.Item name="publish" valuePropName="checked" initialValue={true}>
          <Checkbox>{t('suggestions.manage.publishNow')}</Checkbox>
        </Form.Item>
        <ErrorAlert error={create.error} />
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
