import { useState, type ReactNode } from 'react';
import {
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  BuildingHazardCodes,
  ChargingSiteKinds,
  CustodyCodes,
  IssuanceBandCodes,
} from '../../../contract/safety.ts';
import { api } from '../../api/client.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { RiskTag, SafetyTabs } from './common.tsx';
import {
  useRegister,
  useSafetyMutation,
  type BuildingRisk,
  type ChargingSite,
  type Merchant,
  type RentalFlat,
} from './safety.api.ts';
import { useTabParam } from '../../components/useTabParam.ts';
import { NumberInput } from '../../components/NumberInput.tsx';

type Dialog =
  | { kind: 'building' | 'rental' | 'merchant' | 'charging' }
  | { kind: 'notice' | 'recheck'; flat: RentalFlat }
  | null;

/** 六防风险台账: buildings, rental flats with the 群租 rule result, prepaid-card merchants, charging sites. */
export function RegistersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const fmt = useDateTimeFormat();
  const manage = hasPermission(me, 'safety.manage');
  const [tab, setTab] = useTabParam(['rentals', 'buildings', 'merchants', 'charging'] as const);
  const canRecheck = manage || hasPermission(me, 'safety.handle');
  const buildings = useRegister<BuildingRisk>('buildings');
  const rentals = useRegister<RentalFlat>('rentals');
  const merchants = useRegister<Merchant>('merchants');
  const sites = useRegister<ChargingSite>('charging-sites');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const save = useSafetyMutation((v: { path: string; body: unknown }) =>
    api.post<unknown>(`/safety/registers/${v.path}`, v.body),
  );

  const facts = (v: Record<string, unknown>) => ({
    occupants: v.occupants,
    rooms: v.rooms,
    areaM2: v.areaM2,
    partitions: Boolean(v.partitions),
    bedsInKitchenOrBalcony: Boolean(v.bedsInKitchenOrBalcony),
    note: (v.note as string) || undefined,
  });
  const submit = async () => {
    if (!dialog) return;
    const v = (await form.validateFields()) as Record<string, unknown>;
    const note = (v.note as string) || undefined;
    if (dialog.kind === 'building')
      await save.mutateAsync({
        path: 'buildings',
        body: { buildingId: v.buildingId, hazards: v.hazards ?? [], note },
      });
    if (dialog.kind === 'rental')
      await save.mutateAsync({
        path: 'rentals',
        body: { address: v.address, landlordName: (v.landlordName as string) || undefined, ...facts(v) },
      });
    if (dialog.kind === 'recheck')
      await save.mutateAsync({ path: `rentals/${dialog.flat.id}/checks`, body: facts(v) });
    if (dialog.kind === 'notice')
      await save.mutateAsync({
        path: `rentals/${dialog.flat.id}/notice`,
        body: {
          noticeNo: v.noticeNo,
          deadline: (v.deadline as { format: (f: string) => string }).format('YYYY-MM-DD'),
        },
      });
    if (dialog.kind === 'merchant')
      await save.mutateAsync({
        path: 'merchants',
        body: { ...v, complaints: v.complaints ?? 0, monthsOperating: v.monthsOperating ?? undefined, note },
      });
    if (dialog.kind === 'charging')
      await save.mutateAsync({
        path: 'charging-sites',
        body: {
          ...v,
          distanceOk: Boolean(v.distanceOk),
          canopy: Boolean(v.canopy),
          extinguisher: Boolean(v.extinguisher),
          cctv: Boolean(v.cctv),
          autoCutoff: Boolean(v.autoCutoff),
          note,
        },
      });
    setDialog(null);
    form.resetFields();
  };

  const addButton = (kind: 'building' | 'rental' | 'merchant' | 'charging') =>
    manage ? (
      <Button
        icon={<PlusOutlined aria-hidden />}
        onClick={() => setDialog({ kind })}
        style={{ marginBottom: 12 }}
      >
        {t('safety.registers.add')}
      </Button>
    ) : null;
  const flagTags = (flags: RentalFlat['flags']) =>
    flags.length === 0 ? (
      <Tag color="green">{t('safety.registers.notGroup')}</Tag>
    ) : (
      <Space wrap size={4}>
        <Tag color="red">{t('safety.registers.groupRental')}</Tag>
        {flags.map((f) => (
          <Tag key={f}>{t(`safety.rentalFlag.${f}`)}</Tag>
        ))}
      </Space>
    );
  const check = (name: string, label: string) => (
    <Form.Item name={name} valuePropName="checked" style={{ marginBottom: 4 }}>
      <Checkbox>{label}</Checkbox>
    </Form.Item>
  );
  const factFields: ReactNode = (
    <>
      <Space wrap>
        <Form.Item name="occupants" label={t('safety.registers.occupants')} rules={[{ required: true }]}>
          <NumberInput min={0} max={200} />
        </Form.Item>
        <Form.Item name="rooms" label={t('safety.registers.rooms')} rules={[{ required: true }]}>
          <NumberInput min={0} max={50} />
        </Form.Item>
        <Form.Item name="areaM2" label={t('safety.registers.area')} rules={[{ required: true }]}>
          <NumberInput min={1} max={10000} />
        </Form.Item>
      </Space>
      {check('partitions', t('safety.registers.partitions'))}
      {check('bedsInKitchenOrBalcony', t('safety.registers.beds'))}
      <Form.Item name="note" label={t('safety.registers.note')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );

  return (
    <Page title={t('safety.registers.title')} intro={t('safety.registers.intro')}>
      <SafetyTabs />
      <ErrorAlert error={buildings.error ?? rentals.error ?? merchants.error ?? sites.error} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'rentals',
            label: t('safety.registers.rentals'),
            children: (
              <>
                {addButton('rental')}
                <Table
                  rowKey="id"
                  size="small"
                  scroll={{ x: true }}
                  dataSource={rentals.data?.items ?? []}
                  loading={rentals.isLoading}
                  locale={{ emptyText: t('safety.registers.empty') }}
                  expandable={{
                    expandedRowRender: (f) => (
                      <Timeline
                        items={f.checks.map((c) => ({
                          color: c.flags.length ? 'red' : 'green',
                          children: (
                            <div>
                              <strong>
                                {c.kind === 'initial'
                                  ? t('safety.registers.initial')
                                  : t('safety.registers.recheckKind')}
                              </strong>{' '}
                              {fmt(c.checkedAt)} · {c.checkedByName ?? ''} · {c.occupants} 人 / {c.rooms} 间 /{' '}
                              {c.areaM2} m² {flagTags(c.flags)}
                              {c.note ? <div style={{ color: '#595959' }}>{c.note}</div> : null}
                            </div>
                          ),
                        }))}
                      />
                    ),
                  }}
                  columns={[
                    { title: t('safety.registers.address'), dataIndex: 'address' },
                    {
                      title: t('safety.registers.landlord'),
                      dataIndex: 'landlordName',
                      render: (v: string | null) => v ?? '—',
                    },
                    {
                      title: `${t('safety.registers.occupants')}/${t('safety.registers.rooms')}/m²`,
                      key: 'facts',
                      render: (_: unknown, f) => `${f.occupants} / ${f.rooms} / ${f.areaM2}`,
                    },
                    {
                      title: t('safety.registers.rule'),
                      key: 'rule',
                      render: (_: unknown, f) => flagTags(f.flags),
                    },
                    {
                      title: t('safety.registers.status'),
                      key: 'status',
                      render: (_: unknown, f) => (
                        <Space direction="vertical" size={2}>
                          <Tag>{t(`safety.rentalStatus.${f.status}`)}</Tag>
                          {f.noticeNo ? (
                            <span style={{ fontSize: 12 }}>
                              {f.noticeNo} · {t('safety.registers.deadline')} {f.noticeDeadline}
                            </span>
                          ) : null}
                          {f.noticeOverdue ? (
                            <Tag color="red">{t('safety.registers.noticeOverdue')}</Tag>
                          ) : null}
                        </Space>
                      ),
                    },
                    {
                      title: '',
                      key: 'actions',
                      render: (_: unknown, f) => (
                        <Space wrap>
                          {manage && (f.status === 'flagged' || f.status === 'notice') ? (
                            <Button size="small" onClick={() => setDialog({ kind: 'notice', flat: f })}>
                              {t('safety.registers.issueNotice')}
                            </Button>
                          ) : null}
                          {canRecheck ? (
                            <Button
                              size="small"
                              onClick={() => {
                                setDialog({ kind: 'recheck', flat: f });
                                form.setFieldsValue({
                                  occupants: f.occupants,
                                  rooms: f.rooms,
                                  areaM2: f.areaM2,
                                });
                              }}
                            >
                              {t('safety.registers.recheck')}
                            </Button>
                          ) : null}
                        </Space>
                      ),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'buildings',
            label: t('safety.registers.buildings'),
            children: (
              <>
                {addButton('building')}
                <Table
                  rowKey="id"
                  size="small"
                  scroll={{ x: true }}
                  dataSource={buildings.data?.items ?? []}
                  loading={buildings.isLoading}
                  locale={{ emptyText: t('safety.registers.empty') }}
                  columns={[
                    { title: t('safety.registers.building'), dataIndex: 'buildingLabel' },
                    {
                      title: t('safety.registers.hazards'),
                      dataIndex: 'hazards',
                      render: (h: BuildingRisk['hazards']) =>
                        h.length
                          ? h.map((x) => <Tag key={x}>{t(`safety.hazard.${x}`)}</Tag>)
                          : t('safety.registers.none'),
                    },
                    {
                      title: t('safety.registers.risk'),
                      dataIndex: 'riskLevel',
                      render: (r: BuildingRisk['riskLevel']) => <RiskTag level={r} />,
                    },
                    { title: t('safety.registers.note'), dataIndex: 'note' },
                    {
                      title: t('safety.registers.checkedAt'),
                      dataIndex: 'checkedAt',
                      render: (v: string) => fmt(v),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'merchants',
            label: t('safety.registers.merchants'),
            children: (
              <>
                {addButton('merchant')}
                <Table
                  rowKey="id"
                  size="small"
                  scroll={{ x: true }}
                  dataSource={merchants.data?.items ?? []}
                  loading={merchants.isLoading}
                  locale={{ emptyText: t('safety.registers.empty') }}
                  columns={[
                    { title: t('safety.registers.name'), dataIndex: 'name' },
                    { title: t('safety.registers.businessType'), dataIndex: 'businessType' },
                    {
                      title: t('safety.registers.issuance'),
                      dataIndex: 'issuanceBand',
                      render: (v: Merchant['issuanceBand']) => t(`safety.issuance.${v}`),
                    },
                    {
                      title: t('safety.registers.custody'),
                      dataIndex: 'custody',
                      render: (v: Merchant['custody']) => t(`safety.custody.${v}`),
                    },
                    { title: t('safety.registers.complaints'), dataIndex: 'complaints' },
                    {
                      title: t('safety.registers.months'),
                      dataIndex: 'monthsOperating',
                      render: (v: number | null) => v ?? '—',
                    },
                    {
                      title: t('safety.registers.risk'),
                      dataIndex: 'riskLevel',
                      render: (r: Merchant['riskLevel']) => <RiskTag level={r} />,
                    },
                    { title: t('safety.registers.note'), dataIndex: 'note' },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'charging',
            label: t('safety.registers.charging'),
            children: (
              <>
                {addButton('charging')}
                <Table
                  rowKey="id"
                  size="small"
                  scroll={{ x: true }}
                  dataSource={sites.data?.items ?? []}
                  loading={sites.isLoading}
                  locale={{ emptyText: t('safety.registers.empty') }}
                  columns={[
                    { title: t('safety.registers.name'), dataIndex: 'name' },
                    { title: t('safety.registers.place'), dataIndex: 'place' },
                    {
                      title: t('safety.registers.kind'),
                      dataIndex: 'kind',
                      render: (v: ChargingSite['kind']) => t(`safety.siteKind.${v}`),
                    },
                    { title: t('safety.registers.ports'), dataIndex: 'ports' },
                    {
                      title: t('safety.registers.hazards'),
                      key: 'missing',
                      render: (_: unknown, s) => {
                        const missing = (
                          ['distanceOk', 'canopy', 'extinguisher', 'cctv', 'autoCutoff'] as const
                        ).filter((k) => !s[k]);
                        return missing.length
                          ? missing.map((k) => <Tag key={k}>✗ {t(`safety.registers.${k}`)}</Tag>)
                          : t('safety.registers.none');
                      },
                    },
                    {
                      title: t('safety.registers.risk'),
                      dataIndex: 'riskLevel',
                      render: (r: ChargingSite['riskLevel']) => <RiskTag level={r} />,
                    },
                    { title: t('safety.registers.note'), dataIndex: 'note' },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
      <Modal
        open={dialog !== null}
        title={
          dialog?.kind === 'notice'
            ? t('safety.registers.issueNotice')
            : dialog?.kind === 'recheck'
              ? `${t('safety.registers.recheck')} · ${dialog.flat.address}`
              : t('safety.registers.add')
        }
        onCancel={() => setDialog(null)}
        onOk={() => void submit().catch(() => undefined)}
        confirmLoading={save.isPending}
        okText={t('safety.registers.save')}
        destroyOnHidden
      >
        <ErrorAlert error={save.error} />
        <Form form={form} layout="vertical" preserve={false}>
          {dialog?.kind === 'building' ? (
            <>
              <Form.Item
                name="buildingId"
                label={t('safety.registers.building')}
                rules={[{ required: true }]}
              >
                <BuildingSelect />
              </Form.Item>
              <Form.Item name="hazards" label={t('safety.registers.hazards')}>
                <Checkbox.Group
                  options={BuildingHazardCodes.map((h) => ({ value: h, label: t(`safety.hazard.${h}`) }))}
                />
              </Form.Item>
              <Form.Item name="note" label={t('safety.registers.note')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'rental' ? (
            <>
              <Form.Item name="address" label={t('safety.registers.address')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="landlordName" label={t('safety.registers.landlord')}>
                <Input />
              </Form.Item>
              {factFields}
            </>
          ) : null}
          {dialog?.kind === 'recheck' ? factFields : null}
          {dialog?.kind === 'notice' ? (
            <>
              <Form.Item name="noticeNo" label={t('safety.registers.noticeNo')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="deadline" label={t('safety.registers.deadline')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'merchant' ? (
            <>
              <Form.Item name="name" label={t('safety.registers.name')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item
                name="businessType"
                label={t('safety.registers.businessType')}
                rules={[{ required: true }]}
              >
                <Input />
              </Form.Item>
              <Form.Item name="address" label={t('safety.registers.address')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item
                name="issuanceBand"
                label={t('safety.registers.issuance')}
                rules={[{ required: true }]}
              >
                <Select
                  options={IssuanceBandCodes.map((c) => ({ value: c, label: t(`safety.issuance.${c}`) }))}
                />
              </Form.Item>
              <Form.Item name="custody" label={t('safety.registers.custody')} rules={[{ required: true }]}>
                <Select options={CustodyCodes.map((c) => ({ value: c, label: t(`safety.custody.${c}`) }))} />
              </Form.Item>
              <Space>
                <Form.Item name="complaints" label={t('safety.registers.complaints')} initialValue={0}>
                  <NumberInput min={0} />
                </Form.Item>
                <Form.Item name="monthsOperating" label={t('safety.registers.months')}>
                  <NumberInput min={0} />
                </Form.Item>
              </Space>
              <Form.Item name="note" label={t('safety.registers.note')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'charging' ? (
            <>
              <Form.Item name="name" label={t('safety.registers.name')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Form.Item name="place" label={t('safety.registers.place')} rules={[{ required: true }]}>
                <Input />
              </Form.Item>
              <Space>
                <Form.Item name="kind" label={t('safety.registers.kind')} rules={[{ required: true }]}>
                  <Select
                    style={{ width: 160 }}
                    options={ChargingSiteKinds.map((c) => ({ value: c, label: t(`safety.siteKind.${c}`) }))}
                  />
                </Form.Item>
                <Form.Item name="ports" label={t('safety.registers.ports')} rules={[{ required: true }]}>
                  <NumberInput min={0} />
                </Form.Item>
              </Space>
              {check('distanceOk', t('safety.registers.distanceOk'))}
              {check('canopy', t('safety.registers.canopy'))}
              {check('extinguisher', t('safety.registers.extinguisher'))}
              {check('cctv', t('safety.registers.cctv'))}
              {check('autoCutoff', t('safety.registers.autoCutoff'))}
              <Form.Item name="note" label={t('safety.registers.note')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </Page>
  );
}

/** Buildings of the street, grouped by estate, for the building register. */
function BuildingSelect(props: { value?: number; onChange?: (v: number) => void }) {
  const estates = useEstateBuildings();
  return (
    <Select
      {...props}
      showSearch
      optionFilterProp="label"
      options={estates.map((e) => ({
        label: e.name,
        options: e.buildings.map((b) => ({ value: b.id, label: `${e.name} ${b.number}` })),
      }))}
    />
  );
}

function useEstateBuildings(): Array<{ name: string; buildings: Array<{ id: number; number: string }> }> {
  const q = useQuery({
    queryKey: ['safety', 'estate-buildings'],
    queryFn: async ({ signal }) => {
      const estates = await api.get<{ items: Array<{ id: number; name: string }> }>('/estates', undefined, {
        signal,
      });
      return Promise.all(
        estates.items.map(async (e) => ({
          name: e.name,
          buildings: (
            await api.get<{ items: Array<{ id: number; number: string }> }>(
              `/estates/${e.id}/buildings`,
              undefined,
              { signal },
            )
          ).items,
        })),
      );
    },
  });
  return q.data ?? [];
}
