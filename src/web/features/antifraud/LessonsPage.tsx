import { useRef, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Switch, Table, Tag } from 'antd';
import {
  PauseCircleOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  SoundOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { Page } from '../../components/Page.tsx';
import {
  useCreateLesson,
  useGenerateRecording,
  useLessons,
  useRecorder,
  useUpdateLesson,
  useUploadAudio,
  type Lesson,
} from './antifraud.api.ts';
import { useLessonPlayer } from './player.ts';
import './antifraud.css';
import { NumberInput } from '../../components/NumberInput.tsx';

/** 反诈语音课管理 (the lead): write lessons, upload recordings, publish or withdraw. */
export function LessonsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lessons = useLessons();
  const update = useUpdateLesson();
  const upload = useUploadAudio();
  const recorder = useRecorder();
  const generate = useGenerateRecording();
  const canRecord = recorder.data?.available === true;
  const { playing, play, stop } = useLessonPlayer();
  const [creating, setCreating] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const [uploadFor, setUploadFor] = useState<number | null>(null);

  return (
    <Page
      title={t('antifraud.lessons.title')}
      intro={t('antifraud.lessons.intro')}
      actions={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('antifraud.lessons.create')}
        </Button>
      }
    >
      <ErrorAlert error={lessons.error ?? update.error ?? upload.error ?? generate.error} />
      {recorder.data && !canRecord ? (
        <Alert
          type="warning"
          showIcon
          message={t('antifraud.lessons.noRecorder')}
          description={t('antifraud.lessons.noRecorderHelp')}
        />
      ) : null}
      <input
        ref={fileInput}
        type="file"
        accept="audio/mpeg,audio/ogg,audio/wav,.mp3,.ogg,.wav"
        hidden
        aria-hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file && uploadFor !== null)
            upload.mutate(
              { id: uploadFor, file },
              { onSuccess: () => void message.success(t('antifraud.lessons.uploaded')) },
            );
        }}
      />
      <Table<Lesson>
        rowKey="id"
        loading={lessons.isPending}
        dataSource={lessons.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('antifraud.lessons.empty') }}
        expandable={{ expandedRowRender: (l) => <p className="gz-af-meta">{l.script}</p> }}
        columns={[
          { title: t('antifraud.lessons.lessonTitle'), dataIndex: 'title' },
          {
            title: t('antifraud.lessons.duration'),
            dataIndex: 'durationSeconds',
          },
          {
            title: t('antifraud.lessons.audio'),
            render: (_: unknown, l) =>
              l.audio ? (
                <Tag color="green">{`${l.audio.mime} · ${Math.round(l.audio.size / 1024)} KB`}</Tag>
              ) : (
                <Tag>{t('antifraud.lessons.noAudio')}</Tag>
              ),
          },
          { title: t('antifraud.lessons.plays'), dataIndex: 'plays' },
          {
            title: t('antifraud.lessons.published'),
            render: (_: unknown, l) => (
              <Switch
                checked={l.published}
                aria-label={`${t('antifraud.lessons.published')} ${l.title}`}
                checkedChildren={t('antifraud.lessons.published')}
                unCheckedChildren={t('antifraud.lessons.draft')}
                onChange={(published) => update.mutate({ id: l.id, published })}
              />
            ),
          },
          {
            title: '',
            render: (_: unknown, l) => (
              <Space wrap>
                {playing === l.id ? (
                  <Button size="small" icon={<PauseCircleOutlined aria-hidden />} onClick={stop}>
                    {t('antifraud.mine.stop')}
                  </Button>
                ) : (
                  <Button
                    size="small"
                    icon={<PlayCircleOutlined aria-hidden />}
                    aria-label={`${t('antifraud.lessons.preview')} ${l.title}`}
                    onClick={() => play(l)}
                  >
                    {t('antifraud.lessons.preview')}
                  </Button>
                )}
                <Button
                  size="small"
                  icon={<SoundOutlined aria-hidden />}
                  disabled={!canRecord}
                  loading={generate.isPending && generate.variables === l.id}
                  aria-label={`${l.audio ? t('antifraud.lessons.regenerate') : t('antifraud.lessons.generate')} ${l.title}`}
                  onClick={() =>
                    generate.mutate(l.id, {
                      onSuccess: () => void message.success(t('antifraud.lessons.generated')),
                    })
                  }
                >
                  {l.audio ? t('antifraud.lessons.regenerate') : t('antifraud.lessons.generate')}
                </Button>
                <Button
                  size="small"
                  icon={<UploadOutlined aria-hidden />}
                  loading={upload.isPending && uploadFor === l.id}
                  aria-label={`${t('antifraud.lessons.upload')} ${l.title}`}
                  onClick={() => {
                    setUploadFor(l.id);
                    fileInput.current?.click();
                  }}
                >
                  {t('antifraud.lessons.upload')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {creating ? <LessonModal onClose={() => setCreating(false)} /> : null}
    </Page>
  );
}

interface LessonValues {
  title: string;
  script: string;
  durationSeconds: number;
  published: boolean;
}

function LessonModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateLesson();
  const [form] = Form.useForm<LessonValues>();
  const [unmatched, setUnmatched] = useState<ReturnType<typeof applyFieldErrors>>([]);
  return (
    <Modal
      open
      width={720}
      title={t('antifraud.lessons.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <ErrorAlert error={create.error} fieldErrors={unmatched} />
      <Form<LessonValues>
        form={form}
        layout="vertical"
        initialValues={{ durationSeconds: 90, published: true }}
        onValuesChange={(changed: Partial<LessonValues>) => {
          // spoken Chinese runs at about four characters a second
          if (changed.script !== undefined)
            form.setFieldValue('durationSeconds', Math.max(10, Math.round(changed.script.length / 4)));
        }}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: () => {
              void message.success(t('antifraud.lessons.saved'));
              onClose();
            },
            onError: (error) =>
              setUnmatched(
                applyFieldErrors(form, error, ['title', 'script', 'durationSeconds', 'published']),
              ),
          })
        }
      >
        <Form.Item
          name="title"
          label={t('antifraud.lessons.lessonTitle')}
          rules={[{ required: true, min: 2 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="script" label={t('antifraud.lessons.script')} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea rows={8} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item
          name="durationSeconds"
          label={t('antifraud.lessons.duration')}
          rules={[{ required: true }]}
        >
          <NumberInput min={10} max={3600} />
        </Form.Item>
        <Form.Item name="published" label={t('antifraud.lessons.published')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
