import { useState } from 'react';
import { Button, Input, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormButton } from './ModalForm.tsx';
import { RentalForm } from './RentalForm.tsx';
import { useBookingStep, type Rental, type RentalBooking } from './relocation.api.ts';

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
