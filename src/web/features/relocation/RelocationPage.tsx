import { useState } from 'react';
import { Button, Input, Select, Space, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission } from '../../app/session.ts';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import {
  useCheckIn,
  useCheckOut,
  useConsultations,
  useMoves,
  usePackages,
  useRentals,
  useScheduleMove,
  useStorage,
  useUnarranged,
  useVendors,
  useVolunteers,
  useWarehouses,
  type MoveRequest,
  type Storage,
} from './relocation.api.ts';

/** Staff: the street's moving requests, storage, rentals and market on one page. */
export function RelocationPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('relocation.staff.title')} intro={t('relocation.staff.intro')}>
      <Tabs
        items={[
          { key: 'moves', label: t('relocation.staff.tabMoves'), children: <MovesTab /> },
          { key: 'storage', label: t('relocation.staff.tabStorage'), children: <StorageTab /> },
          { key: 'rentals', label: t('relocation.staff.tabRentals'), children: <RentalsTab /> },
          { key: 'market', label: t('relocation.staff.tabMarket'), children: <MarketTab /> },
        ]}
      />
    </Page>
  );
}

function MovesTab() {
  const { t } = useTranslation();
  const me = useMe();
  const manage = hasPermission(me, 'relocation.manage');
  const moves = useMoves();
  const volunteers = useVolunteers();
  return (
    <>
      <ErrorAlert error={moves.error ?? volunteers.error} />
      <Table<MoveRequest>
        rowKey="id"
        size="middle"
        loading={moves.isPending}
        dataSource={moves.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('relocation.col.household'), dataIndex: 'householdLabel' },
          {
            title: t('relocation.col.date'),
            render: (_, m) =>
              `${m.moveOn} ${t(`relocation.slot.${m.slot}`)} · ${t(`relocation.direction.${m.direction}`)}`,
          },
          { title: t('relocation.col.volume'), dataIndex: 'volumeM3' },
          { title: t('relocation.col.stairs'), dataIndex: 'stairsFloors' },
          { title: t('relocation.col.fragile'), dataIndex: 'fragile' },
          {
            title: t('relocation.col.status'),
            render: (_, m) => <Tag>{t(`relocation.moveStatus.${m.status}`)}</Tag>,
          },
          { title: t('relocation.col.team'), render: (_, m) => m.team.map((v) => v.name).join('、') },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, m: MoveRequest) =>
                    m.status === 'requested' || m.status === 'scheduled' ? (
                      <ScheduleForm move={m} options={volunteers.data?.items ?? []} />
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

function ScheduleForm({
  move,
  options,
}: {
  move: MoveRequest;
  options: Array<{ id: number; name: string }>;
}) {
  const { t } = useTranslation();
  const schedule = useScheduleMove();
  const [picked, setPicked] = useState<number[]>(move.team.map((v) => v.id));
  return (
    <div>
      <Space wrap>
        <Select
          mode="multiple"
          style={{ minWidth: 200 }}
          aria-label={`${t('relocation.chooseVolunteers')} ${move.householdLabel}`}
          placeholder={t('relocation.chooseVolunteers')}
          value={picked}
          onChange={setPicked}
          options={options.map((v) => ({ value: v.id, label: v.name }))}
        />
        <Button
          type="primary"
          disabled={picked.length === 0}
          loading={schedule.isPending}
          onClick={() => schedule.mutate({ id: move.id, volunteerIds: picked })}
        >
          {t('relocation.schedule')}
        </Button>
      </Space>
      <ErrorAlert error={schedule.error} />
    </div>
  );
}

function parseItems(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(.*?)[\s×x*]+(\d+)$/.exec(l);
      return m ? { name: m[1]!.trim(), quantity: Number(m[2]) } : { name: l, quantity: 1 };
    });
}

function StorageTab() {
  const { t } = useTranslation();
  const me = useMe();
  const manage = hasPermission(me, 'relocation.manage');
  const warehouses = useWarehouses();
  const storage = useStorage();
  return (
    <>
      <ErrorAlert error={warehouses.error ?? storage.error} />
      <Table
        rowKey="id"
        size="middle"
        pagination={false}
        loading={warehouses.isPending}
        dataSource={warehouses.data?.items ?? []}
        columns={[
          { title: t('relocation.col.warehouse'), dataIndex: 'name' },
          { title: t('relocation.col.capacity'), dataIndex: 'capacitySlots' },
          { title: t('relocation.col.used'), dataIndex: 'usedSlots' },
          { title: t('relocation.col.free'), dataIndex: 'freeSlots' },
        ]}
      />
      <Table<Storage>
        style={{ marginTop: 16 }}
        rowKey="id"
        size="middle"
        loading={storage.isPending}
        dataSource={storage.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('relocation.col.household'), dataIndex: 'householdLabel' },
          { title: t('relocation.col.warehouse'), dataIndex: 'warehouseName' },
          { title: t('relocation.col.slots'), dataIndex: 'slots' },
          {
            title: t('relocation.col.status'),
            render: (_, s) => <Tag>{t(`relocation.storageStatus.${s.status}`)}</Tag>,
          },
          {
            title: t('relocation.col.items'),
            render: (_, s) => s.items.map((i) => `${i.name}×${i.quantity}`).join('、'),
          },
          { title: t('relocation.col.signedBy'), dataIndex: 'signedBy' },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, s: Storage) => <StorageActions storage={s} />,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

function StorageActions({ storage }: { storage: Storage }) {
  const { t } = useTranslation();
  const checkIn = useCheckIn();
  const checkOut = useCheckOut();
  const [items, setItems] = useState('');
  const [signer, setSigner] = useState('');
  if (storage.status === 'booked')
    return (
      <div>
        <Input.TextArea
          aria-label={`${t('relocation.checkInItems')} ${storage.householdLabel}`}
          placeholder={t('relocation.checkInItems')}
          rows={2}
          value={items}
          onChange={(e) => setItems(e.target.value)}
        />
        <Button
          type="primary"
          disabled={parseItems(items).length === 0}
          loading={checkIn.isPending}
          onClick={() => checkIn.mutate({ id: storage.id, items: parseItems(items) })}
        >
          {t('relocation.checkIn')}
        </Button>
        <ErrorAlert error={checkIn.error} />
      </div>
    );
  if (storage.status === 'stored')
    return (
      <div>
        <Space wrap>
          <Input
            aria-label={`${t('relocation.signedByPlaceholder')} ${storage.householdLabel}`}
            placeholder={t('relocation.signedByPlaceholder')}
            value={signer}
            onChange={(e) => setSigner(e.target.value)}
          />
          <Button
            disabled={!signer.trim()}
            loading={checkOut.isPending}
            onClick={() => checkOut.mutate({ id: storage.id, signedBy: signer.trim() })}
          >
            {t('relocation.checkOut')}
          </Button>
        </Space>
        <ErrorAlert error={checkOut.error} />
      </div>
    );
  return null;
}

function RentalsTab() {
  const { t } = useTranslation();
  const rentals = useRentals();
  const unarranged = useUnarranged(30);
  return (
    <>
      <ErrorAlert error={rentals.error ?? unarranged.error} />
      <h2>{t('relocation.unarranged')}</h2>
      <Table
        rowKey="householdId"
        size="middle"
        loading={unarranged.isPending}
        dataSource={unarranged.data?.items ?? []}
        locale={{ emptyText: t('relocation.noneUnarranged') }}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: t('relocation.col.household'), render: (_, u) => `${u.estateName} ${u.householdLabel}` },
          { title: t('relocation.col.moveOn'), dataIndex: 'moveOn' },
          { title: t('relocation.col.daysLeft'), dataIndex: 'daysLeft' },
          {
            title: t('relocation.col.access'),
            render: (_, u) => (u.needsAccess ? t('relocation.accessible') : ''),
          },
        ]}
      />
      <Table
        style={{ marginTop: 16 }}
        rowKey="id"
        size="middle"
        loading={rentals.isPending}
        dataSource={rentals.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('relocation.col.title'), dataIndex: 'title' },
          { title: t('relocation.col.vendor'), dataIndex: 'vendorName' },
          { title: t('relocation.col.rent'), dataIndex: 'rent' },
          { title: t('relocation.col.distance'), dataIndex: 'distanceM' },
          { title: t('relocation.col.floor'), dataIndex: 'floor' },
          {
            title: t('relocation.col.lift'),
            render: (_, r) => (r.hasLift ? t('relocation.yes') : t('relocation.no')),
          },
          {
            title: t('relocation.col.status'),
            render: (_, r) => <Tag>{t(`relocation.rentalStatus.${r.status}`)}</Tag>,
          },
        ]}
      />
    </>
  );
}

function MarketTab() {
  const { t } = useTranslation();
  const vendors = useVendors();
  const packages = usePackages();
  const consultations = useConsultations();
  return (
    <>
      <ErrorAlert error={vendors.error ?? packages.error ?? consultations.error} />
      <Table
        rowKey="id"
        size="middle"
        loading={packages.isPending}
        dataSource={packages.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('relocation.col.vendor'), dataIndex: 'vendorName' },
          { title: t('relocation.col.package'), dataIndex: 'name' },
          { title: t('relocation.col.contents'), dataIndex: 'contents' },
          { title: t('relocation.col.price'), dataIndex: 'price' },
          {
            title: t('relocation.col.rating'),
            render: (_, p) => vendors.data?.items.find((v) => v.id === p.vendorId)?.rating ?? '',
          },
        ]}
      />
      <Table
        style={{ marginTop: 16 }}
        rowKey="id"
        size="middle"
        loading={consultations.isPending}
        dataSource={consultations.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('relocation.col.household'), dataIndex: 'householdLabel' },
          { title: t('relocation.col.vendor'), dataIndex: 'vendorName' },
          { title: t('relocation.col.package'), dataIndex: 'packageName' },
          { title: t('relocation.col.quote'), dataIndex: 'quoteAmount' },
          {
            title: t('relocation.col.status'),
            render: (_, c) => <Tag>{t(`relocation.consultationStatus.${c.status}`)}</Tag>,
          },
          { title: t('relocation.col.rating'), dataIndex: 'rating' },
        ]}
      />
    </>
  );
}
