import { useEffect } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { OrderCategories, OrderPriorities } from '../../../contract/safety.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { SafetyTabs } from './common.tsx';
import { useAlarmPrefill, useAssignees, useSafetyMutation, type WorkOrderDetail } from './safety.api.ts';

type Source = 'alarm' | 'hotline' | 'manual';

/** 新建工单: from an alarm (?alarmId=, prefilled), a 12345 hotline ticket, or entered by hand. */
export function NewOrderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const alarmParam = Number(params.get('alarmId'));
  const alarmId = Number.isInteger(alarmParam) && alarmParam > 0 ? alarmParam : null;
  const prefill = useAlarmPrefill(alarmId);
  const assignees = useAssignees();
  const [form] = Form.useForm();
  const source = (Form.useWatch('source', form) as Source | undefined) ?? (alarmId ? 'alarm' : 'hotline');
  const create = useSafetyMutation((body: unknown) => api.post<WorkOrderDetail>('/safety/work-orders', body));

  useEffect(() => {
    const p = prefill.data;
    if (p)
      form.setFieldsValue({
        source: 'alarm',
        title: p.title,
        place: p.place ?? undefined,
        priority: p.priority,
        category: p.category,
      });
  }, [prefill.data, form]);

  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, string | number | undefined>;
    const body: Record<string, unknown> = {
      source: v.source,
      title: v.title || undefined,
      description: v.description || undefined,
      place: v.place || undefined,
      priority: v.priority,
      category: v.category,
      reporterName: v.reporterName || undefined,
      assigneeId: v.assigneeId || undefined,
    };
    if (v.source === 'alarm') {
      body.alarmId = alarmId;
      if (prefill.data?.householdId) body.householdId = prefill.data.householdId;
      if (prefill.data?.buildingId) body.buildingId = prefill.data.buildingId;
    }
    if (v.source === 'hotline') body.hotlineTicket = v.hotlineTicket;
    const created = await create.mutateAsync(body);
    void navigate(`/safety/work-orders/${created.id}`);
  };

  const existing = prefill.data?.openOrderId ?? null;
  return (
    <Page title={t('safety.create.title')} intro={t('safety.create.intro')}>
      <SafetyTabs />
      <Card style={{ maxWidth: 720 }}>
        <ErrorAlert error={prefill.error ?? create.error} />
        {existing ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('safety.create.alarmHasOrder', { id: existing })}
            action={<Link to={`/safety/work-orders/${existing}`}>{t('safety.create.openExisting')}</Link>}
          />
        ) : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ source: alarmId ? 'alarm' : 'hotline', priority: 'normal', category: 'other' }}
        >
          <Form.Item name="source" label={t('safety.create.source')}>
            <Radio.Group>
              {alarmId ? (
                <Radio.Button value="alarm">{t('safety.create.fromAlarm', { id: alarmId })}</Radio.Button>
              ) : null}
              <Radio.Button value="hotline">{t('safety.source.hotline')}</Radio.Button>
              <Radio.Button value="manual">{t('safety.source.manual')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          {source === 'hotline' ? (
            <Form.Item
              name="hotlineTicket"
              label={t('safety.create.hotlineTicket')}
              rules={[{ required: true, min: 3 }]}
            >
              <Input placeholder="12345-2026-1127-0001" />
            </Form.Item>
          ) : null}
          <Form.Item
            name="title"
            label={t('safety.create.title_')}
            rules={[{ required: source !== 'alarm', min: 2 }]}
          >
            <Input data-testid="safety-new-title" />
          </Form.Item>
          <Form.Item name="place" label={t('safety.create.place')}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('safety.create.description')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="priority" label={t('safety.create.priority')}>
            <Radio.Group>
              {OrderPriorities.map((p) => (
                <Radio.Button key={p} value={p}>
                  {t(`safety.priority.${p}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="category" label={t('safety.create.category')}>
            <Select options={OrderCategories.map((c) => ({ value: c, label: t(`safety.category.${c}`) }))} />
          </Form.Item>
          {source !== 'alarm' ? (
            <Form.Item name="reporterName" label={t('safety.create.reporterName')}>
              <Input />
            </Form.Item>
          ) : null}
          <Form.Item name="assigneeId" label={t('safety.create.assignee')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={(assignees.data?.items ?? []).map((a) => ({
                value: a.id,
                label: `${a.name}（${t('safety.order.openOrders', { n: a.openOrders })}）`,
              }))}
            />
          </Form.Item>
          <Button
            type="primary"
            size="large"
            onClick={() => void submit().catch(() => undefined)}
            loading={create.isPending}
            disabled={existing !== null && source === 'alarm'}
            data-testid="safety-create-submit"
          >
            {t('safety.create.submit')}
          </Button>
        </Form>
      </Card>
    </Page>
  );
}
