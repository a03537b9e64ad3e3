import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  AllowanceKinds,
  AreaBases,
  PersonBases,
  type AllowanceKind,
  type AreaBasis,
  type PersonBasis,
} from '../../../contract/allowances.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import {
  useAllowanceRules,
  useDeleteAllowanceRule,
  useSaveAllowanceRule,
  type AllowanceRule,
} from './renewal.api.ts';
import { NumberInput } from '../../components/NumberInput.tsx';

interface RuleValues {
  name: string;
  kind: AllowanceKind;
  rate: number;
  areaBasis?: AreaBasis;
  personBasis?: PersonBasis;
  months?: number;
  note?: string;
}

const needsArea = (k?: AllowanceKind) => k === 'per_area' || k === 'area_monthly';
const needsMonths = (k?: AllowanceKind) => k === 'monthly' || k === 'area_monthly';

/** The parameters of a rule in words: "30 元/m²/月 · 原建筑面积 · 12 个月". */
function useParamsText() {
  const { t } = useTranslation();
  return (r: AllowanceRule) =>
    [
      `${r.rate.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })} · ${t(`allowances.rateOf.${r.kind}`)}`,
      r.areaBasis ? t(`allowances.areas.${r.areaBasis}`) : null,
      r.personBasis ? t(`allowances.persons.${r.personBasis}`) : null,
      r.months ? `${r.months} ${t('allowances.months')}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
}

/** An estate's allowance rules (过渡费, 搬家补贴 ...): listed for staff, managed by those who write plans. */
export function AllowanceRulesCard({ estateId }: { estateId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const rules = useAllowanceRules(estateId);
  const remove = useDeleteAllowanceRule();
  const paramsText = useParamsText();
  const [editing, setEditing] = useState<AllowanceRule | 'new' | null>(null);
  const canWrite = hasPermission(me, 'plan.write');
  return (
    <Card
      title={<h2 className="gz-section-title">{t('allowances.rules')}</h2>}
      extra={
        canWrite ? (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {t('allowances.addRule')}
          </Button>
        ) : null
      }
    >
      <p className="gz-rn-muted">{t('allowances.rulesHint')}</p>
      <ErrorAlert error={rules.error ?? remove.error} />
      <Table<AllowanceRule>
        rowKey="id"
        size="small"
        pagination={false}
        loading={rules.isPending}
        locale={{ emptyText: t('allowances.none') }}
        dataSource={rules.data?.items ?? []}
        columns={[
          { title: t('allowances.name'), dataIndex: 'name' },
          {
            title: t('allowances.kind'),
            dataIndex: 'kind',
            render: (k: AllowanceKind) => t(`allowances.kinds.${k}`),
          },
          { title: t('allowances.params'), key: 'params', render: (_: unknown, r) => paramsText(r) },
          { title: t('allowances.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
          ...(canWrite
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, r: AllowanceRule) => (
                    <Space size={4}>
                      <Button size="small" type="link" onClick={() => setEditing(r)}>
                        {t('allowances.editRule')}
                      </Button>
                      <Popconfirm
                        title={t('allowances.removeConfirm', { name: r.name })}
                        okText={t('allowances.remove')}
                        cancelText={t('common.cancel')}
                        onConfirm={() =>
                          remove.mutate(r.id, {
                            onSuccess: () => void message.success(t('allowances.removed')),
                          })
                        }
                      >
                        <Button size="small" type="link" danger>
                          {t('allowances.remove')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <RuleModal
          estateId={estateId}
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}

function RuleModal({
  estateId,
  rule,
  onClose,
}: {
  estateId: number;
  rule: AllowanceRule | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveAllowanceRule(estateId);
  const [form] = Form.useForm<RuleValues>();
  const kind = Form.useWatch('kind', form);
  const required = [{ required: true, message: t('allowances.required') }];
  return (
    <Modal
      open
      title={rule ? t('allowances.editRule') : t('allowances.addRule')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<RuleValues>
        form={form}
        layout="vertical"
        name="allowance-rule"
        initialValues={
          rule
            ? {
                name: rule.name,
                kind: rule.kind,
                rate: rule.rate,
                ...(rule.areaBasis ? { areaBasis: rule.areaBasis } : {}),
                ...(rule.personBasis ? { personBasis: rule.personBasis } : {}),
                ...(rule.months ? { months: rule.months } : {}),
                ...(rule.note ? { note: rule.note } : {}),
              }
            : { kind: 'area_monthly', areaBasis: 'building' }
        }
        onFinish={(v) =>
          save.mutate(
            {
              id: rule?.id ?? null,
              body: {
                name: v.name,
                kind: v.kind,
                rate: v.rate,
                areaBasis: needsArea(v.kind) ? (v.areaBasis ?? null) : null,
                personBasis: v.kind === 'per_person' ? (v.personBasis ?? null) : null,
                months: needsMonths(v.kind) ? (v.months ?? null) : null,
                note: v.note?.trim() ? v.note.trim() : null,
              },
            },
            {
              onSuccess: () => {
                void message.success(t('allowances.saved'));
                onClose();
              },
            },
          )
        }
      >
        <Form.Item name="name" label={t('allowances.name')} rules={required}>
          <Input maxLength={50} placeholder={t('allowances.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('allowances.kind')} rules={required}>
          <Select options={AllowanceKinds.map((k) => ({ value: k, label: t(`allowances.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="rate"
          label={kind ? t(`allowances.rateOf.${kind}`) : t('allowances.rate')}
          rules={required}
        >
          <NumberInput min={0} max={10_000_000} precision={2} style={{ width: 200 }} />
        </Form.Item>
        {needsArea(kind) ? (
          <Form.Item name="areaBasis" label={t('allowances.areaBasis')} rules={required}>
            <Select options={AreaBases.map((a) => ({ value: a, label: t(`allowances.areas.${a}`) }))} />
          </Form.Item>
        ) : null}
        {kind === 'per_person' ? (
          <Form.Item name="personBasis" label={t('allowances.personBasis')} rules={required}>
            <Select options={PersonBases.map((p) => ({ value: p, label: t(`allowances.persons.${p}`) }))} />
          </Form.Item>
        ) : null}
        {needsMonths(kind) ? (
          <Form.Item name="months" label={t('allowances.months')} rules={required}>
            <NumberInput min={1} max={120} precision={0} />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('allowances.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
      <ErrorAlert error={save.error} />
    </Modal>
  );
}
