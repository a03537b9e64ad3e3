import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Grid, Input, Radio, Space, Tag } from 'antd';
import { Drawer } from '../../components/Drawer.tsx';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { SubmitToCouncil } from '../council/SubmitToCouncil.tsx';
import { VisitMethods } from '../../../contract/households.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useDateTimeFormat } from '../../components/format.ts';
import { useRecordVisit, type HouseholdFile, type Visit } from './households.api.ts';

/** 走访记录: every visit, newest first, with the emotional-governance notes staff keep. */
export function VisitsCard({ file }: { file: HouseholdFile }) {
  const { t } = useTranslation();
  const formatDate = useDateTimeFormat();
  const [recording, setRecording] = useState(false);
  const visits = [...file.visits].sort((a, b) => (a.visitedAt < b.visitedAt ? 1 : -1));
  return (
    <Card
      title={<h2 className="gz-section-title">{t('households.visits.title', { n: visits.length })}</h2>}
      extra={
        file.actions.visit ? (
          <Button
            type="primary"
            size="small"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setRecording(true)}
          >
            {t('households.visits.record')}
          </Button>
        ) : null
      }
    >
      {visits.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('households.visits.empty')} />
      ) : (
        <ul className="gz-hh-items">
          {visits.map((v) => (
            <li key={v.id} className="gz-hh-item">
              <Space wrap size={[6, 4]}>
                <Tag>{t(`households.visits.method_${v.method}`)}</Tag>
                <time dateTime={v.visitedAt}>{formatDate(v.visitedAt)}</time>
                {v.visitorName ? <span className="gz-hh-muted">{v.visitorName}</span> : null}
              </Space>
              <p className="gz-hh-concern-text">{v.summary}</p>
              <VisitNotes visit={v} />
              <SubmitToCouncil source="visit" id={v.id} what={v.summary.slice(0, 20)} />
            </li>
          ))}
        </ul>
      )}
      <RecordVisitDrawer householdId={file.id} open={recording} onClose={() => setRecording(false)} />
    </Card>
  );
}

function VisitNotes({ visit: v }: { visit: Visit }) {
  const { t } = useTranslation();
  const rows = [
    [t('households.visits.decisionMaker'), v.decisionMaker],
    [t('households.visits.trustedPerson'), v.trustedPerson],
    [t('households.visits.emotionalNotes'), v.emotionalNotes],
    [t('households.fields.nextFollowUp'), v.nextFollowUp],
  ].filter((row): row is [string, string] => Boolean(row[1]));
  if (rows.length === 0) return null;
  return (
    <dl className="gz-hh-notes">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

interface VisitValues {
  method: Visit['method'];
  summary: string;
  decisionMaker?: string;
  trustedPerson?: string;
  emotionalNotes?: string;
  nextFollowUp?: Dayjs;
  concerns?: Array<{ content: string; category?: string; dueDate?: Dayjs }>;
}

const FIELDS = ['method', 'summary', 'decisionMaker', 'trustedPerson', 'emotionalNotes', 'nextFollowUp'];

function trimmed(value: string | undefined) {
  return value?.trim() ? value.trim() : undefined;
}

function RecordVisitDrawer({
  householdId,
  open,
  onClose,
}: {
  householdId: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<VisitValues>();
  const record = useRecordVisit(householdId);

  const submit = (v: VisitValues) => {
    const concerns = (v.concerns ?? [])
      .filter((c) => c.content?.trim())
      .map((c) => ({
        content: c.content.trim(),
        ...(trimmed(c.category) ? { category: trimmed(c.category) } : {}),
        ...(c.dueDate ? { dueDate: c.dueDate.format('YYYY-MM-DD') } : {}),
      }));
    record.mutate(
      {
        method: v.method,
        summary: v.summary.trim(),
        ...(trimmed(v.decisionMaker) ? { decisionMaker: trimmed(v.decisionMaker) } : {}),
        ...(trimmed(v.trustedPerson) ? { trustedPerson: trimmed(v.trustedPerson) } : {}),
        ...(trimmed(v.emotionalNotes) ? { emotionalNotes: trimmed(v.emotionalNotes) } : {}),
        ...(v.nextFollowUp ? { nextFollowUp: v.nextFollowUp.format('YYYY-MM-DD') } : {}),
        ...(concerns.length ? { concerns } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('households.visits.recorded'));
          form.resetFields();
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error, FIELDS),
      },
    );
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('households.visits.record')}
      size={screens.sm ? 520 : '100%'}
      destroyOnHidden
      footer={
        <div className="gz-hh-form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={record.isPending} onClick={() => form.submit()}>
            {t('households.visits.save')}
          </Button>
        </div>
      }
    >
      <Form<VisitValues>
        form={form}
        layout="vertical"
        name="record-visit"
        initialValues={{ method: 'door' }}
        onFinish={submit}
      >
        <Form.Item name="method" label={t('households.visits.method')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={VisitMethods.map((m) => ({ value: m, label: t(`households.visits.method_${m}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="summary"
          label={t('households.visits.summary')}
          rules={[{ required: true, whitespace: true, message: t('households.visits.summaryRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} placeholder={t('households.visits.summaryPlaceholder')} />
        </Form.Item>
        <Form.Item name="decisionMaker" label={t('households.visits.decisionMaker')}>
          <Input maxLength={100} placeholder={t('households.visits.decisionMakerPlaceholder')} />
        </Form.Item>
        <Form.Item name="trustedPerson" label={t('households.visits.trustedPerson')}>
          <Input maxLength={100} placeholder={t('households.visits.trustedPersonPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="emotionalNotes"
          label={t('households.visits.emotionalNotes')}
          extra={t('households.visits.emotionalHelp')}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="nextFollowUp" label={t('households.fields.nextFollowUp')}>
          <DatePicker className="gz-hh-date" />
        </Form.Item>
        <fieldset className="gz-hh-fieldset">
          <legend>{t('households.visits.concernsRaised')}</legend>
          <Form.List name="concerns">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <div key={field.key} className="gz-hh-raised">
                    <Form.Item
                      name={[field.name, 'content']}
                      label={t('households.visits.concernN', { n: index + 1 })}
                      rules={[
                        {
                          required: true,
                          whitespace: true,
                          message: t('households.concerns.contentRequired'),
                        },
                      ]}
                    >
                      <Input.TextArea rows={2} maxLength={2000} />
                    </Form.Item>
                    <Space wrap align="end">
                      <Form.Item name={[field.name, 'category']} label={t('households.concerns.category')}>
                        <Input maxLength={50} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'dueDate']} label={t('households.concerns.dueDate')}>
                        <DatePicker />
                      </Form.Item>
                      <Form.Item>
                        <Button icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)}>
                          {t('households.visits.removeConcern')}
                        </Button>
                      </Form.Item>
                    </Space>
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add()}>
                  {t('households.visits.addConcern')}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
      </Form>
      <ErrorAlert error={record.error} />
    </Drawer>
  );
}
