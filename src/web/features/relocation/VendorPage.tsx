import { useState } from 'react';
import { Button, Input, InputNumber, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import {
  useBookings,
  useBookingStep,
  useConsultations,
  useQuote,
  useRentals,
  type Consultation,
  type RentalBooking,
} from './relocation.api.ts';

/** A partner firm (vendor account): its consultations to quote, its flats and their reservations. */
export function VendorPage() {
  const { t } = useTranslation();
  const consultations = useConsultations();
  const rentals = useRentals();
  const bookings = useBookings();
  return (
    <Page title={t('relocation.vendor.title')} intro={t('relocation.vendor.intro')}>
      <ErrorAlert error={consultations.error ?? rentals.error ?? bookings.error} />
      <h2>{t('relocation.vendor.consultations')}</h2>
      <Table<Consultation>
        rowKey="id"
        size="middle"
        loading={consultations.isPending}
        dataSource={consultations.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('relocation.col.household'), dataIndex: 'householdLabel' },
          { title: t('relocation.col.package'), dataIndex: 'packageName' },
          { title: t('relocation.col.quote'), dataIndex: 'quoteAmount' },
          {
            title: t('relocation.col.status'),
            render: (_, c) => <Tag>{t(`relocation.consultationStatus.${c.status}`)}</Tag>,
          },
          { title: t('relocation.col.rating'), dataIndex: 'rating' },
          {
            title: t('relocation.col.actions'),
            render: (_, c) =>
              c.status === 'booked' || c.status === 'quoted' ? <QuoteForm consultation={c} /> : null,
          },
        ]}
      />
      <h2>{t('relocation.vendor.rentals')}</h2>
      <Table
        rowKey="id"
        size="middle"
        loading={rentals.isPending}
        dataSource={rentals.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('relocation.col.title'), dataIndex: 'title' },
          { title: t('relocation.col.rent'), dataIndex: 'rent' },
          { title: t('relocation.col.floor'), dataIndex: 'floor' },
          {
            title: t('relocation.col.status'),
            render: (_, r) => <Tag>{t(`relocation.rentalStatus.${r.status}`)}</Tag>,
          },
        ]}
      />
      <h2>{t('relocation.vendor.bookings')}</h2>
      <Table<RentalBooking>
        rowKey="id"
        size="middle"
        loading={bookings.isPending}
        dataSource={bookings.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('relocation.col.title'), dataIndex: 'rentalTitle' },
          { title: t('relocation.col.household'), dataIndex: 'householdLabel' },
          { title: t('relocation.vendor.contractNo'), dataIndex: 'contractNo' },
          { title: t('relocation.col.status'), dataIndex: 'status' },
          { title: t('relocation.col.actions'), render: (_, b) => <BookingActions booking={b} /> },
        ]}
      />
    </Page>
  );
}

function QuoteForm({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const quote = useQuote();
  const [amount, setAmount] = useState<number | null>(consultation.quoteAmount);
  return (
    <div>
      <Space wrap>
        <InputNumber
          aria-label={`${t('relocation.vendor.amount')} ${consultation.householdLabel}`}
          min={0}
          value={amount}
          onChange={setAmount}
        />
        <Button
          type="primary"
          disabled={amount === null}
          loading={quote.isPending}
          onClick={() => amount !== null && quote.mutate({ id: consultation.id, amount })}
        >
          {t('relocation.vendor.submitQuote')}
        </Button>
      </Space>
      <ErrorAlert error={quote.error} />
    </div>
  );
}

function BookingActions({ booking }: { booking: RentalBooking }) {
  const { t } = useTranslation();
  const step = useBookingStep();
  const [contractNo, setContractNo] = useState('');
  if (booking.status === 'reserved')
    return (
      <div>
        <Space wrap>
          <Input
            aria-label={`${t('relocation.vendor.contractNo')} ${booking.householdLabel}`}
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
        </Space>
        <ErrorAlert error={step.error} />
      </div>
    );
  if (booking.status === 'contracted')
    return (
      <div>
        <Button loading={step.isPending} onClick={() => step.mutate({ id: booking.id, step: 'move_in' })}>
          {t('relocation.vendor.moveIn')}
        </Button>
        <ErrorAlert error={step.error} />
      </div>
    );
  return null;
}
