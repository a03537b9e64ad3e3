import { useState } from 'react';
import { Button, Form, Modal, Select, Space, Switch, Table, Tag, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SeverityTag, useKindLabel } from './common.tsx';
import { useRules, useUpdateRule, type DeviceKind, type Rule } from './iot.api.ts';
import { NumberInput } from '../../components/NumberInput.tsx';

const PARAM_KEYS = ['value', 'readings', 'seconds', 'count', 'windowSeconds'] as const;

type RuleForm = Partial<Record<(typeof PARAM_KEYS)[number], number>> & {
  severity: Rule['severity'];
  enabled: boolean;
};

export function RulesTab() {
  const { t } = useTranslation();
  const kindLabel = useKindLabel();
  const me = useMe();
  const canManage = hasPermission(me, 'safety.manage');
  const rules = useRules();
  const [editing, setEditing] = useState<Rule | null>(null);
  const [form] = Form.useForm<RuleForm>();
  const params = (r: Rule) =>
    PARAM_KEYS.filter((k) => r.params[k] !== undefined)
      .map((k) => `${t(`iot.rules.${k}`)} ${r.params[k]}`)
      .join('，') || (r.params.events ?? []).join('/');
  return (
    <>
      <ErrorAlert error={rules.error} title={t('errors.loadFailed')} />
      <Table<Rule>
        rowKey={(r) => `${r.kind}.${r.key}`}
        size="small"
        loading={rules.isPending}
        dataSource={rules.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('iot.rules.kind'), dataIndex: 'kind', render: (k: DeviceKind) => kindLabel(k) },
          { title: t('iot.rules.rule'), dataIndex: 'title' },
          {
            title: t('iot.rules.type'),
            dataIndex: 'type',
            render: (v: Rule['type']) => t(`iot.rules.types.${v}`),
          },
          {
            title: t('iot.rules.severity'),
            dataIndex: 'severity',
            render: (s: Rule['severity']) => <SeverityTag severity={s} />,
          },
          { title: t('iot.rules.params'), render: (_: unknown, r) => params(r) },
          {
            title: t('iot.rules.enabled'),
            render: (_: unknown, r) => (
              <Space>
                {r.enabled ? '✓' : '—'}
                {r.customised ? <Tag color="purple">{t('iot.rules.customised')}</Tag> : null}
              </Space>
            ),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'e',
                  render: (_: unknown, r: Rule) => (
                    <Button
                      size="small"
                      onClick={() => {
                        setEditing(r);
                        form.setFieldsValue({
                          ...Object.fromEntries(PARAM_KEYS.map((k) => [k, r.params[k]])),
                          severity: r.severity,
                          enabled: r.enabled,
                        });
                      }}
                    >
                      {t('iot.rules.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <RuleModal rule={editing} form={form} onClose={() => setEditing(null)} />
    </>
  );
}

/** A rule's severity, switch and thresholds; only the thresholds the rule has are shown. */
function RuleModal({
  rule,
  form,
  onClose,
}: {
  rule: Rule | null;
  form: FormInstance<RuleForm>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateRule();
  return (
    <Modal
      open={rule !== null}
      title={rule?.title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          if (!rule) return;
          const changed = Object.fromEntries(
            PARAM_KEYS.filter((k) => rule.params[k] !== undefined).map((k) => [k, v[k]]),
          );
          update.mutate(
            {
              kind: rule.kind,
              key: rule.key,
              severity: v.severity,
              enabled: v.enabled,
              params: changed,
            },
            { onSuccess: onClose },
          );
        }}
      >
        <ErrorAlert error={update.error} title={t('errors.title')} />
        <Form.Item name="severity" label={t('iot.rules.severity')}>
          <Select
            options={(['info', 'warning', 'critical'] as const).map((s) => ({
              value: s,
              label: t(`iot.severity.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="enabled" label={t('iot.rules.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {rule
          ? PARAM_KEYS.filter((k) => rule.params[k] !== undefined).map((k) => (
              <Form.Item key={k} name={k} label={t(`iot.rules.${k}`)} rules={[{ required: true }]}>
                <NumberInput min={k === 'value' ? undefined : 1} step={k === 'value' ? 0.01 : 1} />
              </Form.Item>
            ))
          : null}
      </Form>
    </Modal>
  );
}
