import { useState, type ReactNode } from 'react';
import { Button, Input, Select, Space, Table, Tabs, Tag, Upload } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import {
  FormButton,
  MarketDayForm,
  NeedsForm,
  PackageForm,
  RentalForm,
  VendorForm,
  VolunteerForm,
  WarehouseForm,
} from './RelocationForms.tsx';
import {
  storagePhotoUrl,
  useBookings,
  useBookingStep,
  useCheckIn,
  useCheckOut,
  useConsultations,
  useMarketDays,
  useMoves,
  usePackages,
  useRentals,
  useScheduleMove,
  useStorage,
  useUnarranged,
  useUploadStoragePhoto,
  useVendors,
  useVolunteers,
  useWarehouses,
  type Consultation,
  type MarketDay,
  type MoveRequest,
  type Package,
  type Rental,
  type RentalBooking,
  type Storage,
  type Unarranged,
  type Vendor,
  type Volunteer,
  type Warehouse,
} from './relocation.api.ts';
import './relocation.css';
import { useTabParam } from '../../components/useTabParam.ts';

/** Staff: the street's movers, storage, households without arrangement, rentals and market. */
export function RelocationPage() {
  const { t } = useTranslation();
  const manage = hasPermission(useMe(), 'relocation.manage');
  const [tab, setTab] = useTabParam(['moves', 'storage', 'unarranged', 'rentals', 'market'] as const);
  return (
    <Page title={t('relocation.staff.title')} intro={t('relocation.staff.intro')}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'moves', label: t('relocation.staff.tabMoves'), children: <MovesTab manage={manage} /> },
          {
            key: 'storage',
            label: t('relocation.staff.tabStorage'),
            children: <StorageTab manage={manage} />,
          },
          {
            key: 'unarranged',
            label: t('relocation.staff2.tabUnarranged'),
            children: <UnarrangedTab manage={manage} />,
          },
          {
            key: 'rentals',
            label: t('relocation.staff.tabRentals'),
            children: <RentalsTab manage={manage} />,
          },
          { key: 'market', label: t('relocation.staff.tabMarket'), children: <MarketTab manage={manage} /> },
        ]}
      />
    </Page>
  );
}

function SectionHead({ title, action }: { title: string; action?: ReactNode }) {
  return (
    <div className="gz-rl-section-head">
      <h2>{title}</h2>
      {action}
    </div>
  );
}

// ---- movers --------------------------------------------------------------------------------------

function MovesTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const moves = useMoves();
  const volunteers = useVolunteers();
  const active = (volunteers.data?.items ?? []).filter((v) => v.active);
  return (
    <>
      <ErrorAlert error={moves.error ?? volunteers.error} />
      <SectionHead title={t('relocation.staff2.moves')} />
      <Table<MoveRequest>
        rowKey="id"
        size="middle"
        loading={moves.isPending}
        dataSource={moves.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('relocation.col.household'),
            render: (_, m) => <Link to={`/households/${m.householdId}`}>{m.householdLabel}</Link>,
          },
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
            render: (_, m) => (
              <>
                <Tag>{t(`relocation.moveStatus.${m.status}`)}</Tag>
                {m.needsStorage ? <Tag color="blue">{t('relocation.staff.tabStorage')}</Tag> : null}
              </>
            ),
          },
          { title: t('relocation.col.team'), render: (_, m) => m.team.map((v) => v.name).join('、') },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, m: MoveRequest) =>
                    m.status === 'requested' || m.status === 'scheduled' ? (
                      <ScheduleForm move={m} options={active} />
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <SectionHead
        title={t('relocation.staff2.volunteers')}
        action={
          manage ? (
            <FormButton
              label={t('relocation.form.addVolunteer')}
              render={(close) => <VolunteerForm onClose={close} />}
            />
          ) : null
        }
      />
      <Table<Volunteer>
        rowKey="id"
        size="middle"
        loading={volunteers.isPending}
        dataSource={volunteers.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('relocation.form.name'), dataIndex: 'name' },
          { title: t('relocation.form.unit'), dataIndex: 'unit' },
          { title: t('relocation.form.skills'), dataIndex: 'skills' },
          { title: t('relocation.form.availability'), dataIndex: 'availability' },
          { title: t('relocation.form.phone'), dataIndex: 'phone' },
          { title: t('relocation.col.team'), dataIndex: 'jobs' },
          {
            title: t('relocation.col.status'),
            render: (_, v) =>
              v.active ? (
                <Tag color="green">{t('relocation.form.active')}</Tag>
              ) : (
                <Tag>{t('relocation.form.inactive')}</Tag>
              ),
          },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, v: Volunteer) => (
                    <FormButton
                      edit
                      label={`${t('relocation.form.editVolunteer')} ${v.name}`}
                      render={(close) => <VolunteerForm volunteer={v} onClose={close} />}
                    />
                  ),
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

// ---- storage -------------------------------------------------------------------------------------

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

function StorageTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const storage = useStorage();
  return (
    <>
      <ErrorAlert error={warehouses.error ?? storage.error} />
      <SectionHead
        title={t('relocation.staff2.warehouses')}
        action={
          manage ? (
            <FormButton
              label={t('relocation.form.addWarehouse')}
              render={(close) => <WarehouseForm onClose={close} />}
            />
          ) : null
        }
      />
      <Table<Warehouse>
        rowKey="id"
        size="middle"
        pagination={false}
        loading={warehouses.isPending}
        dataSource={warehouses.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('relocation.col.warehouse'), dataIndex: 'name' },
          { title: t('relocation.form.address'), dataIndex: 'address' },
          { title: t('relocation.form.provider'), dataIndex: 'provider' },
          { title: t('relocation.col.capacity'), dataIndex: 'capacitySlots' },
          { title: t('relocation.col.used'), dataIndex: 'usedSlots' },
          {
            title: t('relocation.col.free'),
            render: (_, w) => (w.freeSlots === 0 ? <Tag color="red">0</Tag> : w.freeSlots),
          },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, w: Warehouse) => (
                    <FormButton
                      edit
                      label={`${t('relocation.form.editWarehouse')} ${w.name}`}
                      render={(close) => <WarehouseForm warehouse={w} onClose={close} />}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <SectionHead title={t('relocation.staff2.storage')} />
      <Table<Storage>
        rowKey="id"
        size="middle"
        loading={storage.isPending}
        dataSource={storage.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('relocation.col.household'),
            render: (_, s) => <Link to={`/households/${s.householdId}`}>{s.householdLabel}</Link>,
          },
          { title: t('relocation.col.warehouse'), dataIndex: 'warehouseName' },
          { title: t('relocation.col.slots'), dataIndex: 'slots' },
          {
            title: t('relocation.col.status'),
            render: (_, s) => <Tag>{t(`relocation.storageStatus.${s.status}`)}</Tag>,
          },
          {
            title: t('relocation.col.items'),
            render: (_, s) => (
              <>
                {s.items.map((i) => `${i.name}×${i.quantity}`).join('、')}
                <StoragePhotos storage={s} />
              </>
            ),
          },
          { title: t('relocation.col.signedBy'), dataIndex: 'signedBy' },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  // the inventory column can be long: check-in/out stays in view at the right edge
                  fixed: 'right' as const,
                  render: (_: unknown, s: Storage) => <StorageActions storage={s} />,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

export function StoragePhotos({ storage }: { storage: Storage }) {
  const { t } = useTranslation();
  if (storage.photoFileIds.length === 0) return null;
  return (
    <div className="gz-rl-photos">
      {storage.photoFileIds.map((f, i) => (
        <a key={f} href={storagePhotoUrl(storage.id, f)} target="_blank" rel="noreferrer">
          <img
            src={storagePhotoUrl(storage.id, f)}
            alt={`${t('relocation.staff2.photos')} ${i + 1} ${storage.householdLabel}`}
            loading="lazy"
          />
        </a>
      ))}
    </div>
  );
}

function PhotoUpload({ storage }: { storage: Storage }) {
  const { t } = useTranslation();
  const upload = useUploadStoragePhoto();
  return (
    <>
      <Upload
        accept="image/jpeg,image/png,image/webp"
        showUploadList={false}
        multiple
        beforeUpload={(file) => {
          upload.mutate({ id: storage.id, file });
          return false;
        }}
      >
        <Button
          icon={<CameraOutlined />}
          loading={upload.isPending}
          aria-label={`${t('relocation.staff2.addPhoto')} ${storage.householdLabel}`}
          title={t('relocation.staff2.photoHint')}
        >
          {t('relocation.staff2.addPhoto')}
        </Button>
      </Upload>
      <ErrorAlert error={upload.error} />
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
        <Space wrap style={{ marginTop: 6 }}>
          <Button
            type="primary"
            disabled={parseItems(items).length === 0}
            loading={checkIn.isPending}
            onClick={() => checkIn.mutate({ id: storage.id, items: parseItems(items) })}
          >
            {t('relocation.checkIn')}
          </Button>
          <PhotoUpload storage={storage} />
        </Space>
        <ErrorAlert error={checkIn.error} />
      </div>
    );
  if (storage.status === 'stored')
    return (
      <div>
        <Space wrap>
          <PhotoUpload storage={storage} />
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

// ---- households moving soon without an arrangement ------------------------------------------------

function UnarrangedTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const [days, setDays] = useState(30);
  const unarranged = useUnarranged(days);
  const [editing, setEditing] = useState<number | null>(null);
  return (
    <>
      <ErrorAlert error={unarranged.error} />
      <SectionHead
        title={t('relocation.staff2.tabUnarranged')}
        action={
          <Space>
            <span>{t('relocation.staff2.days')}</span>
            <Select
              aria-label={t('relocation.staff2.days')}
              value={days}
              onChange={setDays}
              style={{ width: 120 }}
              options={[7, 14, 30, 60, 90].map((n) => ({
                value: n,
                label: t('relocation.staff2.daysOption', { n }),
              }))}
            />
          </Space>
        }
      />
      <Table<Unarranged>
        rowKey="householdId"
        size="middle"
        loading={unarranged.isPending}
        dataSource={unarranged.data?.items ?? []}
        locale={{ emptyText: t('relocation.noneUnarranged') }}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('relocation.col.household'),
            render: (_, u) => (
              <Link to={`/households/${u.householdId}`}>{`${u.estateName} ${u.householdLabel}`}</Link>
            ),
          },
          {
            title: t('relocation.col.moveOn'),
            render: (_, u) => `${u.moveOn}（${t(`relocation.staff2.moveOnSource.${u.moveOnSource}`)}）`,
          },
          {
            title: t('relocation.col.daysLeft'),
            render: (_, u) => <Tag color={u.daysLeft <= 7 ? 'red' : 'orange'}>{u.daysLeft}</Tag>,
          },
          {
            title: t('relocation.form.transition'),
            render: (_, u) =>
              t(
                `relocation.transition.${(u.transition ?? 'none') as 'self' | 'agency' | 'relatives' | 'none'}`,
              ),
          },
          {
            title: t('relocation.col.access'),
            render: (_, u) => (u.needsAccess ? t('relocation.accessible') : ''),
          },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, u: Unarranged) => (
                    <Button size="small" onClick={() => setEditing(u.householdId)}>
                      {t('relocation.form.editNeeds')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing !== null ? <NeedsForm householdId={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

// ---- rentals -------------------------------------------------------------------------------------

function RentalsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const rentals = useRentals();
  const bookings = useBookings();
  return (
    <>
      <ErrorAlert error={rentals.error ?? bookings.error} />
      <SectionHead
        title={t('relocation.staff2.rentals')}
        action={
          manage ? (
            <FormButton
              label={t('relocation.form.addRental')}
              render={(close) => <RentalForm chooseVendor onClose={close} />}
            />
          ) : null
        }
      />
      <RentalTable rentals={rentals.data?.items ?? []} loading={rentals.isPending} editable={manage} />
      <SectionHead title={t('relocation.staff2.bookings')} />
      <BookingTable bookings={bookings.data?.items ?? []} loading={bookings.isPending} actions={manage} />
    </>
  );
}

export function RentalTable({
  rentals,
  loading,
  editable,
  showVendor = true,
}: {
  rentals: Rental[];
  loading: boolean;
  editable: boolean;
  showVendor?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<Rental>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rentals}
      pagination={{ pageSize: 20 }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('relocation.col.title'), dataIndex: 'title' },
        ...(showVendor ? [{ title: t('relocation.col.vendor'), dataIndex: 'vendorName' }] : []),
        { title: t('relocation.form.location'), dataIndex: 'location' },
        { title: t('relocation.col.rent'), dataIndex: 'rent' },
        { title: t('relocation.col.distance'), dataIndex: 'distanceM' },
        { title: t('relocation.form.rooms'), dataIndex: 'rooms' },
        { title: t('relocation.col.floor'), dataIndex: 'floor' },
        {
          title: t('relocation.col.lift'),
          render: (_, r) => (r.hasLift ? t('relocation.yes') : t('relocation.no')),
        },
        {
          title: t('relocation.form.availableFrom'),
          render: (_, r) => (r.availableTo ? `${r.availableFrom} ~ ${r.availableTo}` : r.availableFrom),
        },
        { title: t('relocation.form.minMonths'), dataIndex: 'minMonths' },
        {
          title: t('relocation.form.feeWaived'),
          render: (_, r) => (r.feeWaived ? t('relocation.yes') : t('relocation.no')),
        },
        {
          title: t('relocation.col.status'),
          render: (_, r) => <Tag>{t(`relocation.rentalStatus.${r.status}`)}</Tag>,
        },
        ...(editable
          ? [
              {
                title: t('relocation.col.actions'),
                render: (_: unknown, r: Rental) => (
                  <FormButton
                    edit
                    label={`${t('relocation.form.editRental')} ${r.title}`}
                    render={(close) => <RentalForm rental={r} chooseVendor={false} onClose={close} />}
                  />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

export function BookingTable({
  bookings,
  loading,
  actions,
}: {
  bookings: RentalBooking[];
  loading: boolean;
  actions: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<RentalBooking>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={bookings}
      pagination={{ pageSize: 20 }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('relocation.col.title'), dataIndex: 'rentalTitle' },
        { title: t('relocation.col.household'), dataIndex: 'householdLabel' },
        { title: t('relocation.vendor.contractNo'), dataIndex: 'contractNo' },
        {
          title: t('relocation.col.status'),
          render: (_, b) => <Tag>{t(`relocation.bookingStatus.${b.status}`)}</Tag>,
        },
        ...(actions
          ? [
              {
                title: t('relocation.col.actions'),
                render: (_: unknown, b: RentalBooking) => <BookingActions booking={b} />,
              },
            ]
          : []),
      ]}
    />
  );
}

export function BookingActions({ booking }: { booking: RentalBooking }) {
  const { t } = useTranslation();
  const step = useBookingStep();
  const [contractNo, setContractNo] = useState('');
  if (booking.status !== 'reserved' && booking.status !== 'contracted') return null;
  return (
    <div>
      <Space wrap>
        {booking.status === 'reserved' ? (
          <>
            <Input
              aria-label={`${t('relocation.vendor.contractNo')} ${booking.householdLabel}`}
              placeholder={t('relocation.vendor.contractNo')}
              value={contractNo}
              onChange={(e) => setContractNo(e.target.value)}
            />
            <Button
              disabled={!contractNo.trim()}
              loading={step.isPending}
              onClick={() => step.mutate({ id: booking.id, step: 'contract', contractNo: contractNo.trim() })}
            >
              {t('relocation.vendor.contract')}
            </Button>
          </>
        ) : (
          <Button loading={step.isPending} onClick={() => step.mutate({ id: booking.id, step: 'move_in' })}>
            {t('relocation.vendor.moveIn')}
          </Button>
        )}
        <Button
          danger
          loading={step.isPending}
          onClick={() => step.mutate({ id: booking.id, step: 'cancel' })}
        >
          {t('relocation.staff2.cancelBooking')}
        </Button>
      </Space>
      <ErrorAlert error={step.error} />
    </div>
  );
}

// ---- decoration market ---------------------------------------------------------------------------

function MarketTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const vendors = useVendors();
  const packages = usePackages();
  const days = useMarketDays();
  const consultations = useConsultations();
  return (
    <>
      <ErrorAlert error={vendors.error ?? packages.error ?? consultations.error ?? days.error} />
      <SectionHead
        title={t('relocation.staff2.vendors')}
        action={
          manage ? (
            <FormButton
              label={t('relocation.form.addVendor')}
              render={(close) => <VendorForm onClose={close} />}
            />
          ) : null
        }
      />
      <Table<Vendor>
        rowKey="id"
        size="middle"
        loading={vendors.isPending}
        dataSource={vendors.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('relocation.form.vendorName'), dataIndex: 'name' },
          {
            title: t('relocation.form.kind'),
            render: (_, v) =>
              t(v.kind === 'agency' ? 'relocation.form.kindAgency' : 'relocation.form.kindDecoration'),
          },
          { title: t('relocation.form.contact'), dataIndex: 'contact' },
          { title: t('relocation.staff2.packages'), dataIndex: 'packages' },
          { title: t('relocation.col.rating'), render: (_, v) => v.rating ?? '' },
          {
            title: t('relocation.staff2.complaint'),
            render: (_, v) => (v.complaints > 0 ? <Tag color="red">{v.complaints}</Tag> : 0),
          },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, v: Vendor) => (
                    <FormButton
                      edit
                      label={`${t('relocation.form.editVendor')} ${v.name}`}
                      render={(close) => <VendorForm vendor={v} onClose={close} />}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <SectionHead
        title={t('relocation.staff2.packages')}
        action={
          manage ? (
            <FormButton
              label={t('relocation.form.addPackage')}
              render={(close) => <PackageForm chooseVendor onClose={close} />}
            />
          ) : null
        }
      />
      <PackageTable packages={packages.data?.items ?? []} loading={packages.isPending} editable={manage} />
      <SectionHead
        title={t('relocation.staff2.marketDays')}
        action={
          manage ? (
            <FormButton
              label={t('relocation.form.addMarketDay')}
              render={(close) => <MarketDayForm onClose={close} />}
            />
          ) : null
        }
      />
      <Table<MarketDay>
        rowKey="id"
        size="middle"
        loading={days.isPending}
        dataSource={days.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('relocation.form.onDate'), dataIndex: 'onDate' },
          { title: t('relocation.form.marketTitle'), dataIndex: 'title' },
          { title: t('relocation.form.place'), dataIndex: 'place' },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, d: MarketDay) => (
                    <FormButton
                      edit
                      label={`${t('relocation.form.editMarketDay')} ${d.onDate}`}
                      render={(close) => <MarketDayForm day={d} onClose={close} />}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <SectionHead title={t('relocation.staff2.consultations')} />
      <ConsultationTable consultations={consultations.data?.items ?? []} loading={consultations.isPending} />
    </>
  );
}

export function PackageTable({
  packages,
  loading,
  editable,
}: {
  packages: Package[];
  loading: boolean;
  editable: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table<Package>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={packages}
      pagination={{ pageSize: 20 }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('relocation.col.vendor'), dataIndex: 'vendorName' },
        { title: t('relocation.col.package'), dataIndex: 'name' },
        { title: t('relocation.col.contents'), dataIndex: 'contents' },
        { title: t('relocation.col.price'), dataIndex: 'price' },
        {
          title: t('relocation.col.status'),
          render: (_, p) =>
            p.active ? (
              <Tag color="green">{t('relocation.form.onOffer')}</Tag>
            ) : (
              <Tag>{t('relocation.form.offOffer')}</Tag>
            ),
        },
        ...(editable
          ? [
              {
                title: t('relocation.col.actions'),
                render: (_: unknown, p: Package) => (
                  <FormButton
                    edit
                    label={`${t('relocation.form.editPackage')} ${p.name}`}
                    render={(close) => <PackageForm pkg={p} chooseVendor={false} onClose={close} />}
                  />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

export function ConsultationTable({
  consultations,
  loading,
  extra,
}: {
  consultations: Consultation[];
  loading: boolean;
  extra?: (c: Consultation) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Table<Consultation>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={consultations}
      pagination={{ pageSize: 20 }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('relocation.col.household'), dataIndex: 'householdLabel' },
        { title: t('relocation.col.vendor'), dataIndex: 'vendorName' },
        { title: t('relocation.col.package'), dataIndex: 'packageName' },
        { title: t('relocation.col.quote'), dataIndex: 'quoteAmount' },
        { title: t('relocation.vendor.contractNo'), dataIndex: 'contractNo' },
        {
          title: t('relocation.col.status'),
          render: (_, c) => <Tag>{t(`relocation.consultationStatus.${c.status}`)}</Tag>,
        },
        { title: t('relocation.col.rating'), dataIndex: 'rating' },
        { title: t('relocation.staff2.complaint'), dataIndex: 'complaint' },
        ...(extra
          ? [{ title: t('relocation.col.actions'), render: (_: unknown, c: Consultation) => extra(c) }]
          : []),
      ]}
    />
  );
}
