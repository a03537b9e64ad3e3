import { useState } from 'react';
import { Link } from 'react-router';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  type TableProps,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import {
  useCreateEvent,
  useDrafts,
  useEvents,
  type ConsultationEvent,
  type CreateEventInput,
} from './legislation.api.ts';
import './legislation.css';
import { NumberInput } from '../../components/NumberInput.tsx';

/** 征询活动: the consultation events held by the contact point; staff with legislation.manage record new ones. */
export function EventsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = hasPermission(me, 'legislation.manage');
  const [creating, setCreating] = useState(false);
  return (
    <Page
      title={t('legislation.eventsTitle')}
      intro={t('legislation.eventsIntro')}
      actions={
        <Space wrap>
          <Link to="/legislation">{t('legislation.back')}</Link>
          {canManage && !creating ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('legislation.eventCreate')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {canManage && creating ? <CreateEvent onClose={() => setCreating(false)} /> : null}
      <EventList />
    </Page>
  );
}

function EventList() {
  const { t } = useTranslation();
  const events = useEvents();
  const columns: TableProps<ConsultationEvent>['columns'] = [
    { title: t('legislation.eventHeldOn'), dataIndex: 'heldOn', key: 'heldOn' },
    { title: t('legislation.eventName'), dataIndex: 'title', key: 'title' },
    {
      title: t('legislation.eventPlace'),
      key: 'place',
      render: (_, e) =>
        e.mode === 'online' ? (
          <Tag color="processing">{t('legislation.eventMode_online')}</Tag>
        ) : (
          (e.place ?? t('common.none'))
        ),
    },
    { title: t('legislation.eventOrganiser'), dataIndex: 'organiser', key: 'organiser' },
    { title: t('legislation.eventRegistered'), dataIndex: 'registered', key: 'registered' },
    { title: t('legislation.eventAttendance'), dataIndex: 'attendance', key: 'attendance' },
    { title: t('legislation.eventOpinions'), dataIndex: 'opinionCount', key: 'opinionCount' },
    {
      title: t('legislation.eventDrafts'),
      key: 'drafts',
      render: (_, e) => (
        <ul className="gz-event-drafts">
          {e.drafts.map((d) => (
            <li key={d.id}>
              <Link to={`/legislation/drafts/${d.id}`}>{d.title}</Link>
            </li>
          ))}
        </ul>
      ),
    },
    {
      title: t('legislation.eventMaterials'),
      key: 'materials',
      render: (_, e) =>
        e.materials ? <div className="gz-event-materials">{e.materials}</div> : t('common.none'),
    },
  ];
  return (
    <section aria-label={t('legislation.eventsListTitle')}>
      <h2>{t('legislation.eventsListTitle')}</h2>
      <ErrorAlert error={events.error} />
      <Table<ConsultationEvent>
        rowKey="id"
        columns={columns}
        dataSource={events.data?.items ?? []}
        loading={events.isPending}
        locale={{ emptyText: t('legislation.eventsEmpty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
    </section>
  );
}

interface EventFormValues {
  title: string;
  heldOn: Dayjs;
  mode: 'offline' | 'online';
  place?: string;
  organiser: string;
  draftIds: number[];
  attendance: number;
  registered?: string;
  materials?: string;
}

function CreateEvent({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EventFormValues>();
  const mode = Form.useWatch('mode', form);
  const drafts = useDrafts();
  const create = useCreateEvent();
  return (
    <Card title={t('legislation.eventCreate')} style={{ marginBottom: 24 }}>
      <Form<EventFormValues>
        form={form}
        layout="vertical"
        name="legislation-event"
        initialValues={{ mode: 'offline', attendance: 0, draftIds: [] }}
        style={{ maxWidth: 720 }}
        onFinish={(v) => {
          const registered = (v.registered ?? '')
            .split(/[\n,，、;；]+/)
            .map((name) => name.trim())
            .filter(Boolean);
          const body: CreateEventInput = {
            title: v.title.trim(),
            heldOn: v.heldOn.format('YYYY-MM-DD'),
            mode: v.mode,
            organiser: v.organiser.trim(),
            draftIds: v.draftIds,
            attendance: v.attendance,
            registered,
            ...(v.place?.trim() ? { place: v.place.trim() } : {}),
            ...(v.materials?.trim() ? { materials: v.materials.trim() } : {}),
          };
          create.mutate(body, {
            onSuccess: (e) => {
              void message.success(t('legislation.eventCreated', { title: e.title }));
              form.resetFields();
              onClose();
            },
          });
        }}
      >
        <Form.Item
          name="title"
          label={t('legislation.eventName')}
          rules={[{ required: true, whitespace: true, message: t('legislation.eventNameRequired') }]}
        >
          <Input maxLength={200} placeholder={t('legislation.eventNamePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="heldOn"
          label={t('legislation.eventHeldOn')}
          rules={[{ required: true, message: t('legislation.eventHeldOnRequired') }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="mode" label={t('legislation.eventMode')}>
          <Radio.Group>
            <Radio.Button value="offline">{t('legislation.eventMode_offline')}</Radio.Button>
            <Radio.Button value="online">{t('legislation.eventMode_online')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {mode !== 'online' ? (
          <Form.Item
            name="place"
            label={t('legislation.eventPlace')}
            rules={[{ required: true, whitespace: true, message: t('legislation.eventPlaceRequired') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="organiser"
          label={t('legislation.eventOrganiser')}
          rules={[{ required: true, whitespace: true, message: t('legislation.eventOrganiserRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="draftIds"
          label={t('legislation.eventDrafts')}
          rules={[{ required: true, type: 'array', min: 1, message: t('legislation.eventDraftsRequired') }]}
        >
          <Select
            mode="multiple"
            loading={drafts.isPending}
            optionFilterProp="label"
            options={(drafts.data?.items ?? []).map((d) => ({ value: d.id, label: d.title }))}
          />
        </Form.Item>
        <Form.Item
          name="attendance"
          label={t('legislation.eventAttendance')}
          extra={t('legislation.eventAttendanceHelp')}
          rules={[{ required: true, message: t('legislation.eventAttendanceRequired') }]}
        >
          <NumberInput min={0} max={100000} precision={0} />
        </Form.Item>
        <Form.Item
          name="registered"
          label={t('legislation.eventRegisteredNames')}
          extra={t('legislation.eventRegisteredHelp')}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="materials" label={t('legislation.eventMaterials')}>
          <Input.TextArea
            rows={3}
            maxLength={4000}
            placeholder={t('legislation.eventMaterialsPlaceholder')}
          />
        </Form.Item>
        <ErrorAlert error={create.error} />
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('legislation.eventSave')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
