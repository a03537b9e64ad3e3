import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Progress, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PatrolFrequencies, SafetyCategories } from '../../../contract/safety.ts';
import { api } from '../../api/client.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { SafetyTabs } from './common.tsx';
import {
  useAssignees,
  usePlans,
  useRecords,
  useSafetyMutation,
  type PlanBody,
  type PatrolPlan,
} from './safety.api.ts';
import { NumberInput } from '../../components/NumberInput.tsx';

const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** 巡查: plans with this period's progress, a form to add one, and the latest records. */
export function PatrolsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const fmt = useDateTimeFormat();
  const plans = usePlans();
  const records = useRecords();
  const manage = hasPermission(me, 'safety.manage');
  const handle = hasPermission(me, 'safety.handle');
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const assignees = useAssignees(manage);
  const save = useSafetyMutation((body: PlanBody) => api.post<PatrolPlan>('/safety/patrol-plans', body));

  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    await save.mutateAsync({
      name: v.name as string,
      category: v.category as PlanBody['category'],
      places: lines(v.places as string),
      checklist: lines(v.checklist as string).map((text, i) => ({ key: `item${i + 1}`, text })),
      frequency: v.frequency as PlanBody['frequency'],
      timesPerPeriod: (v.timesPerPeriod as number) ?? 1,
      assigneeIds: (v.assigneeIds as number[]) ?? [],
    });
    setOpen(false);
    form.resetFields();
  };

  return (
    <Page
      title={t('safety.patrols.title')}
      intro={t('safety.patrols.intro')}
      actions={
        manage ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
            {t('safety.patrols.newPlan')}
          </Button>
        ) : null
      }
    >
      <SafetyTabs />
      <ErrorAlert error={plans.error ?? records.error} />
      <h2 style={{ fontSize: 17 }}>{t('safety.patrols.plans')}</h2>
      <Space wrap align="start" style={{ marginBottom: 24 }}>
        {(plans.data?.items ?? []).map((p) => (
          <Card
            key={p.id}
            style={{ width: 320 }}
            title={p.name}
            extra={<Tag>{t(`safety.category.${p.category}`)}</Tag>}
          >
            <div>
              {t(`safety.frequency.${p.frequency}`)} × {p.timesPerPeriod}
              {p.active ? '' : ` · ${t('safety.patrols.inactive')}`}
            </div>
            <div style={{ color: '#595959', fontSize: 13 }}>{p.places.join('、')}</div>
            <div style={{ margin: '8px 0' }}>
              {t('safety.patrols.progress')}：{p.periodDone}/{p.periodPlanned}
              <Progress
                percent={Math.min(100, Math.round((p.periodDone / Math.max(1, p.periodPlanned)) * 100))}
                size="small"
                aria-label={`${t('safety.patrols.progress')} ${p.periodDone}/${p.periodPlanned}`}
              />
            </div>
            <div style={{ fontSize: 13 }}>
              {t('safety.patrols.assignees')}：{p.assigneeNames.join('、') || '—'}
            </div>
            <div style={{ fontSize: 13 }}>
              {t('safety.patrols.last')}：{fmt(p.lastPatrolledAt)}
            </div>
            {handle && p.active ? (
              <ButtonLink
                to={`/safety/patrols/${p.id}/record`}
                type="primary"
                style={{ marginTop: 8 }}
                data-testid={`safety-patrol-start-${p.id}`}
              >
                {t('safety.patrols.start')}
              </ButtonLink>
            ) : null}
          </Card>
        ))}
        {plans.data && plans.data.items.length === 0 ? <span>{t('safety.patrols.empty')}</span> : null}
      </Space>
      <h2 style={{ fontSize: 17 }}>{t('safety.patrols.records')}</h2>
      <Table
        rowKey="id"
        size="small"
        loading={records.isLoading}
        dataSource={records.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('safety.patrols.noRecords') }}
        scroll={{ x: true }}
        columns={[
          { title: t('safety.patrols.when'), dataIndex: 'patrolledAt', render: (v: string) => fmt(v) },
          { title: t('safety.patrols.name'), dataIndex: 'planName' },
          { title: t('safety.patrols.patrolledBy'), dataIndex: 'patrolledByName' },
          { title: t('safety.record.place'), dataIndex: 'place', render: (v: string | null) => v ?? '—' },
          {
            title: t('safety.order.status'),
            key: 'result',
            render: (_: unknown, r) =>
              r.failedCount === 0 ? (
                <Tag color="green">{t('safety.patrols.allPassed')}</Tag>
              ) : (
                <Space wrap size={4}>
                  <Tag color="red">{t('safety.patrols.failed', { n: r.failedCount })}</Tag>
                  {r.items
                    .filter((i) => i.workOrderId)
                    .map((i) => (
                      <Link key={i.key} to={`/safety/work-orders/${i.workOrderId}`} title={i.text}>
                        {t('safety.patrols.workOrder', { id: i.workOrderId })}
                      </Link>
                    ))}
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('safety.patrols.newPlan')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit().catch(() => undefined)}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <ErrorAlert error={save.error} />
        <Form
          form={form}
          layout="vertical"
          initialValues={{ category: 'fire', frequency: 'daily', timesPerPeriod: 1 }}
        >
          <Form.Item name="name" label={t('safety.patrols.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="category" label={t('safety.patrols.category')}>
            <Select options={SafetyCategories.map((c) => ({ value: c, label: t(`safety.category.${c}`) }))} />
          </Form.Item>
          <Form.Item name="places" label={t('safety.patrols.places')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="checklist" label={t('safety.patrols.checklist')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Space>
            <Form.Item name="frequency" label={t('safety.patrols.frequency')}>
              <Select
                style={{ width: 120 }}
                options={PatrolFrequencies.map((f) => ({ value: f, label: t(`safety.frequency.${f}`) }))}
              />
            </Form.Item>
            <Form.Item name="timesPerPeriod" label={t('safety.patrols.times')}>
              <NumberInput min={1} max={31} />
            </Form.Item>
          </Space>
          <Form.Item name="assigneeIds" label={t('safety.patrols.assignees')}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={(assignees.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
