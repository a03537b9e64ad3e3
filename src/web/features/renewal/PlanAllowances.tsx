import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { CalculatorOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useYuan } from '../../components/money.ts';
import type { Transitions } from '../../../contract/renewal.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useHousehold } from '../households/households.api.ts';
import {
  useComputedAllowances,
  useCreatePlan,
  useLayoutOptions,
  type ComputedAllowances,
  type Plan,
} from './renewal.api.ts';
import { NumberInput } from '../../components/NumberInput.tsx';

const money = (n: number) =>
  n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

type Item = Plan['allowances'][number];
type RuleInputValue = NonNullable<Item['inputs']>[number];

/** "原建筑面积 42.5 m²，过渡月数 12 个月": the file's facts a rule used (the rate is in the formula). */
function useBasisText() {
  const { t } = useTranslation();
  return (inputs: readonly RuleInputValue[] | undefined) => {
    const facts = (inputs ?? []).filter((i) => i.key !== 'rate');
    return facts.length
      ? t('allowances.basis', {
          facts: facts.map((i) => `${t(`allowances.inputs.${i.key}`)} ${i.value} ${i.unit}`).join('，'),
        })
      : '';
  };
}

/** A plan's allowances: formula and inputs of each computed item, and any change with its reason. */
export function AllowancesTable({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const yuan = useYuan();
  const basis = useBasisText();
  return (
    <Table<Item>
      size="small"
      rowKey={(a) => `${a.ruleId ?? ''}|${a.item}|${a.formula}|${a.amount}`}
      pagination={false}
      dataSource={plan.allowances}
      columns={[
        {
          title: t('renewal.plans.item'),
          dataIndex: 'item',
          render: (v: string, a) => (
            <Space size={4} wrap>
              {v}
              {a.ruleId !== undefined ? <Tag>{t('allowances.byRule')}</Tag> : null}
            </Space>
          ),
        },
        {
          title: t('renewal.plans.formula'),
          dataIndex: 'formula',
          render: (v: string, a) => (
            <>
              <div>{a.ruleId !== undefined && a.computed === null ? t('allowances.notComputed') : v}</div>
              {basis(a.inputs) ? <div className="gz-rn-muted">{basis(a.inputs)}</div> : null}
            </>
          ),
        },
        {
          title: t('renewal.plans.amount'),
          dataIndex: 'amount',
          align: 'right',
          render: (v: number, a) => (
            <>
              <div>{money(v)}</div>
              {a.overrideReason !== undefined ? (
                <div className="gz-rn-muted">
                  <Tag color="orange">{t('allowances.overridden')}</Tag>
                  {a.computed !== null && a.computed !== undefined
                    ? t('allowances.computedWas', { amount: yuan(a.computed, { cents: true }) })
                    : null}
                </div>
              ) : null}
            </>
          ),
        },
        {
          title: t('renewal.plans.remark'),
          dataIndex: 'remark',
          render: (v: string | undefined, a) => (
            <>
              {v ? <div>{v}</div> : null}
              {a.overrideReason ? (
                <div>{t('allowances.reasonLabel', { reason: a.overrideReason })}</div>
              ) : null}
            </>
          ),
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            <strong>{t('renewal.plans.total')}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            <strong>{money(plan.total)}</strong>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} />
        </Table.Summary.Row>
      )}
    />
  );
}

type OverrideValues = { on?: boolean; amount?: number; reason?: string };
interface PlanValues {
  layoutOptionId: number;
  addedArea: number;
  transition: (typeof Transitions)[number];
  allowances: Array<{ item: string; formula: string; amount: number; remark?: string }>;
  overrides?: Record<string, OverrideValues>;
  specialNeeds?: string;
}
type Computed = ComputedAllowances['items'][number];

/** The change of one computed amount: required when the file lacks an input, else optional. */
function OverrideCell({ row }: { row: Computed }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<PlanValues>();
  const key = String(row.ruleId);
  const on = Form.useWatch(['overrides', key, 'on'], form) === true || row.amount === null;
  return (
    <Space orientation="vertical" size={4}>
      <Form.Item name={['overrides', key, 'on']} valuePropName="checked" noStyle>
        <Checkbox disabled={row.amount === null}>{t('allowances.override')}</Checkbox>
      </Form.Item>
      {on ? (
        <Space wrap size={4} align="start">
          <Form.Item
            name={['overrides', key, 'amount']}
            rules={[{ required: true, message: t('allowances.amountRequired') }]}
            style={{ marginBottom: 0 }}
          >
            <NumberInput
              min={0}
              precision={2}
              placeholder={t('allowances.overrideAmount')}
              aria-label={`${row.item} ${t('allowances.overrideAmount')}`}
            />
          </Form.Item>
          <Form.Item
            name={['overrides', key, 'reason']}
            rules={[{ required: true, min: 2, whitespace: true, message: t('allowances.reasonRequired') }]}
            style={{ marginBottom: 0 }}
          >
            <Input
              maxLength={500}
              placeholder={t('allowances.reason')}
              aria-label={`${row.item} ${t('allowances.reason')}`}
            />
          </Form.Item>
        </Space>
      ) : null}
    </Space>
  );
}

/** What the estate's rules come to for the household, with a change (and its reason) per item. */
function ComputedSection({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const computed = useComputedAllowances(householdId);
  const basis = useBasisText();
  const items = computed.data?.items ?? [];
  if (!computed.isPending && items.length === 0 && !computed.error) return null;
  return (
    <div className="gz-rn-allowances">
      <Space wrap className="gz-rn-subtitle">
        {t('allowances.computedTitle')}
        <Button
          size="small"
          icon={<CalculatorOutlined aria-hidden />}
          loading={computed.isFetching}
          onClick={() => void computed.refetch()}
        >
          {t('allowances.compute')}
        </Button>
      </Space>
      <p className="gz-rn-muted">{t('allowances.computedHint')}</p>
      <ErrorAlert error={computed.error} />
      <Table<Computed>
        size="small"
        rowKey="ruleId"
        pagination={false}
        loading={computed.isPending}
        dataSource={items}
        columns={[
          { title: t('renewal.plans.item'), dataIndex: 'item' },
          {
            title: t('renewal.plans.formula'),
            key: 'formula',
            render: (_: unknown, r) =>
              r.formula === null ? (
                <Alert type="warning" showIcon title={t('allowances.missing')} description={r.missing} />
              ) : (
                <>
                  <div>{r.formula}</div>
                  <div className="gz-rn-muted">{basis(r.inputs)}</div>
                </>
              ),
          },
          {
            title: t('allowances.computedAmount'),
            dataIndex: 'amount',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : money(v)),
          },
          {
            title: t('allowances.override'),
            key: 'override',
            render: (_: unknown, r) => <OverrideCell row={r} />,
          },
        ]}
      />
    </div>
  );
}

/** The previous version's changes, offered again for the next one. */
function previousOverrides(latest: Plan | undefined): Record<string, OverrideValues> {
  const out: Record<string, OverrideValues> = {};
  for (const a of latest?.allowances ?? [])
    if (a.ruleId !== undefined && a.overrideReason !== undefined)
      out[String(a.ruleId)] = { on: true, amount: a.amount, reason: a.overrideReason };
  return out;
}

export function PlanModal({
  householdId,
  latest,
  onClose,
}: {
  householdId: number;
  latest?: Plan | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const household = useHousehold(householdId);
  const layouts = useLayoutOptions(household.data?.estateId);
  const computed = useComputedAllowances(householdId);
  const create = useCreatePlan(householdId);
  const [form] = Form.useForm<PlanValues>();
  const required = [{ required: true, message: t('renewal.rounds.required') }];
  const manual = (latest?.allowances ?? []).filter((a) => a.ruleId === undefined);
  return (
    <Modal
      open
      width={900}
      title={t('renewal.plans.newVersion')}
      okText={t('renewal.plans.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<PlanValues>
        form={form}
        layout="vertical"
        name="plan"
        initialValues={
          latest
            ? {
                layoutOptionId: latest.layoutOption.id,
                addedArea: latest.addedArea,
                transition: latest.transition,
                allowances: manual.map((a) => ({
                  item: a.item,
                  formula: a.formula,
                  amount: a.amount,
                  ...(a.remark ? { remark: a.remark } : {}),
                })),
                overrides: previousOverrides(latest),
                specialNeeds: latest.specialNeeds ?? undefined,
              }
            : { transition: 'self', allowances: [], overrides: {} }
        }
        onFinish={(v) => {
          const rules = computed.data?.items ?? [];
          const overrides = rules.flatMap((r) => {
            const o = v.overrides?.[String(r.ruleId)];
            return (o?.on || r.amount === null) && o?.amount !== undefined
              ? [{ ruleId: r.ruleId, amount: o.amount, reason: (o.reason ?? '').trim() }]
              : [];
          });
          create.mutate(
            {
              layoutOptionId: v.layoutOptionId,
              addedArea: v.addedArea,
              transition: v.transition,
              allowances: (v.allowances ?? []).map((a) => ({
                item: a.item,
                formula: a.formula ?? '',
                amount: a.amount,
                ...(a.remark?.trim() ? { remark: a.remark.trim() } : {}),
              })),
              overrides,
              ...(v.specialNeeds?.trim() ? { specialNeeds: v.specialNeeds.trim() } : {}),
            },
            {
              onSuccess: () => {
                void message.success(t('renewal.plans.saved'));
                onClose();
              },
            },
          );
        }}
      >
        <Form.Item name="layoutOptionId" label={t('renewal.plans.layout')} rules={required}>
          <Select
            loading={layouts.isPending}
            options={(layouts.data?.items ?? []).map((o) => ({
              value: o.id,
              label: `${o.code} ${o.name}（+${o.addedArea} m²）`,
            }))}
            onChange={(value: number) => {
              const o = layouts.data?.items.find((x) => x.id === value);
              if (o) form.setFieldValue('addedArea', o.addedArea);
            }}
          />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="addedArea" label={`${t('renewal.plans.addedArea')}（m²）`} rules={required}>
            <NumberInput min={0} max={100} step={0.1} />
          </Form.Item>
          <Form.Item name="transition" label={t('renewal.plans.transition')} rules={required}>
            <Select
              style={{ minWidth: 160 }}
              options={(['self', 'agency', 'relatives'] as const).map((x) => ({
                value: x,
                label: t(`renewal.transition.${x}`),
              }))}
            />
          </Form.Item>
        </Space>
        <ComputedSection householdId={householdId} />
        <Form.List name="allowances">
          {(fields, { add, remove }) => (
            <div className="gz-rn-allowances">
              <div className="gz-rn-subtitle">{t('allowances.manual')}</div>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap size={8}>
                  <Form.Item name={[field.name, 'item']} rules={required}>
                    <Input placeholder={t('renewal.plans.item')} aria-label={t('renewal.plans.item')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'formula']}>
                    <Input placeholder={t('renewal.plans.formula')} aria-label={t('renewal.plans.formula')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'amount']} rules={required}>
                    <NumberInput
                      min={0}
                      precision={2}
                      placeholder={t('renewal.plans.amount')}
                      aria-label={t('renewal.plans.amount')}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'remark']}>
                    <Input placeholder={t('renewal.plans.remark')} aria-label={t('renewal.plans.remark')} />
                  </Form.Item>
                  <Button onClick={() => remove(field.name)}>{t('renewal.plans.remove')}</Button>
                </Space>
              ))}
              <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => add({ formula: '' })}>
                {t('renewal.plans.addAllowance')}
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="specialNeeds" label={t('renewal.plans.specialNeeds')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
      <ErrorAlert error={create.error} />
    </Modal>
  );
}
