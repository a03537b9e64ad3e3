import { useEffect } from 'react';
import { Alert, Button, Card, Form, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, isApiError } from '../../api/client.ts';
import { Page } from '../../components/Page.tsx';
import { PriorityTag, SafetyTabs } from './common.tsx';
import { useSafetyMutation, useSla, type SlaSettings } from './safety.api.ts';
import { NumberInput } from '../../components/NumberInput.tsx';

type Row = SlaSettings['items'][number];
type Values = { items: Row[] };

/**
 * 处置时限: the response and resolution deadlines per priority that every new work order takes,
 * and that reminders and escalation count from. Read by the safety staff, changed by managers.
 */
export function SlaPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = hasPermission(me, 'safety.manage');
  const sla = useSla();
  const [form] = Form.useForm<Values>();
  const save = useSafetyMutation((body: Values) => api.put<SlaSettings>('/safety/sla', body));

  useEffect(() => {
    if (sla.data) form.setFieldsValue({ items: sla.data.items });
  }, [sla.data, form]);

  const submit = async () => {
    const values = await form.validateFields();
    save.reset();
    // the form holds the minutes; each row's priority comes from the settings it was filled from
    const items = (sla.data?.items ?? []).map((row, i) => ({
      priority: row.priority,
      acceptMinutes: values.items[i]!.acceptMinutes,
      resolveMinutes: values.items[i]!.resolveMinutes,
    }));
    try {
      await save.mutateAsync({ items });
    } catch (error) {
      // the server names the row's field (`body.items.0.resolveMinutes`): show it there
      form.setFields(
        values.items.flatMap((_, i) =>
          fieldErrorsAt(error, i).map(({ leaf, message }) => ({
            name: ['items', i, leaf],
            errors: [message],
          })),
        ),
      );
    }
  };

  const minutesField = (index: number, leaf: 'acceptMinutes' | 'resolveMinutes', label: string) => (
    <Form.Item
      name={['items', index, leaf]}
      style={{ marginBottom: 0 }}
      rules={[
        { required: true, type: 'integer', min: 1, message: t('safety.sla.required') },
        ...(leaf === 'resolveMinutes'
          ? [
              ({ getFieldValue }: { getFieldValue: (name: Array<string | number>) => unknown }) => ({
                validator: (_: unknown, value: number | null | undefined) =>
                  value === null ||
                  value === undefined ||
                  value >= Number(getFieldValue(['items', index, 'acceptMinutes']) ?? 0)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('safety.sla.resolveTooShort'))),
              }),
            ]
          : []),
      ]}
      dependencies={leaf === 'resolveMinutes' ? [['items', index, 'acceptMinutes']] : undefined}
      extra={<HoursHint index={index} leaf={leaf} />}
    >
      <NumberInput
        min={1}
        max={leaf === 'acceptMinutes' ? 10080 : 43200}
        precision={0}
        addonAfter={t('safety.sla.minutes')}
        aria-label={label}
        disabled={!canEdit}
        style={{ width: 200 }}
      />
    </Form.Item>
  );

  return (
    <Page title={t('safety.sla.title')} intro={t('safety.sla.intro')}>
      <SafetyTabs />
      <Card style={{ maxWidth: 820 }}>
        <ErrorAlert error={sla.error} onRetry={() => void sla.refetch()} />
        {!canEdit ? (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('safety.sla.readOnly')} />
        ) : null}
        <Form form={form} component={false}>
          <Table<Row>
            rowKey="priority"
            pagination={false}
            loading={sla.isLoading}
            dataSource={sla.data?.items ?? []}
            columns={[
              {
                title: t('safety.sla.priority'),
                dataIndex: 'priority',
                render: (p: Row['priority']) => <PriorityTag priority={p} />,
              },
              {
                title: t('safety.sla.accept'),
                render: (_, row, i) =>
                  minutesField(
                    i,
                    'acceptMinutes',
                    `${t(`safety.priority.${row.priority}`)} ${t('safety.sla.accept')}`,
                  ),
              },
              {
                title: t('safety.sla.resolve'),
                render: (_, row, i) =>
                  minutesField(
                    i,
                    'resolveMinutes',
                    `${t(`safety.priority.${row.priority}`)} ${t('safety.sla.resolve')}`,
                  ),
              },
            ]}
          />
        </Form>
        {canEdit ? (
          <div style={{ marginTop: 16 }}>
            <ErrorAlert error={save.error} />
            {save.isSuccess ? (
              <Alert
                type="success"
                showIcon
                role="status"
                style={{ marginBottom: 12 }}
                message={t('safety.sla.saved')}
              />
            ) : null}
            <Button
              type="primary"
              loading={save.isPending}
              onClick={() => void submit().catch(() => undefined)}
            >
              {t('safety.sla.save')}
            </Button>
          </div>
        ) : null}
      </Card>
    </Page>
  );
}

/** "about N h" under a minutes field, so 1440 reads as a day at a glance. */
function HoursHint({ index, leaf }: { index: number; leaf: 'acceptMinutes' | 'resolveMinutes' }) {
  const { t } = useTranslation();
  const minutes = Form.useWatch(['items', index, leaf]) as number | null | undefined;
  if (!minutes || minutes < 60) return null;
  return <span>{t('safety.sla.hours', { hours: Math.round((minutes / 60) * 10) / 10 })}</span>;
}

/** The server's field errors for row `index` (`body.items.{index}.{leaf}`). */
function fieldErrorsAt(
  error: unknown,
  index: number,
): Array<{ leaf: 'acceptMinutes' | 'resolveMinutes'; message: string }> {
  if (!isApiError(error)) return [];
  return error.fieldErrors.flatMap((e) => {
    const m = /items[./](\d+)[./](acceptMinutes|resolveMinutes)$/.exec(e.path);
    return m && Number(m[1]) === index
      ? [{ leaf: m[2] as 'acceptMinutes' | 'resolveMinutes', message: e.message }]
      : [];
  });
}
