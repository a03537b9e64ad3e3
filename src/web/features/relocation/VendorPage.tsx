import { useState } from 'react';
import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import { FormButton } from './ModalForm.tsx';
import { PackageForm } from './PackageForm.tsx';
import { RentalForm } from './RentalForm.tsx';
import { BookingTable, RentalTable } from './RentalTables.tsx';
import { ConsultationTable, PackageTable } from './MarketTables.tsx';
import {
  useBookings,
  useConsultations,
  usePackages,
  useQuote,
  useRentals,
  useVendors,
  type Consultation,
} from './relocation.api.ts';
import './relocation.css';
import { NumberInput } from '../../components/NumberInput.tsx';

/**
 * A partner firm (vendor account). A rental agency lists its short-term flats (location, distance,
 * rent, rooms, floor and lift, dates, minimum term, fee waived) and moves reservations to contract
 * and move-in; a decoration firm offers its 惠民套餐 and quotes the consultations booked with it.
 */
export function VendorPage() {
  const { t } = useTranslation();
  const me = useMe();
  const vendors = useVendors();
  if (vendors.isPending) return <FullPageSpin />;
  // the server acts for the lowest-numbered firm linked to this account; the list is in id order
  const firm = vendors.data?.items.find((v) => v.userId === me.id);
  return (
    <Page
      title={t('relocation.vendor.title')}
      intro={
        <>
          {firm ? <strong>{t('relocation.vendor.firm', { name: firm.name })} </strong> : null}
          {t('relocation.vendor.intro')}
        </>
      }
    >
      <ErrorAlert error={vendors.error} />
      {!firm ? (
        <Alert type="info" showIcon title={t('relocation.vendor.noFirm')} />
      ) : firm.kind === 'agency' ? (
        <AgencySections />
      ) : (
        <DecorationSections vendorId={firm.id} />
      )}
    </Page>
  );
}

function AgencySections() {
  const { t } = useTranslation();
  const rentals = useRentals();
  const bookings = useBookings();
  return (
    <>
      <ErrorAlert error={rentals.error ?? bookings.error} />
      <div className="gz-rl-section-head">
        <h2>{t('relocation.vendor.rentals')}</h2>
        <FormButton
          label={t('relocation.form.addRental')}
          render={(close) => <RentalForm chooseVendor={false} onClose={close} />}
        />
      </div>
      <RentalTable
        rentals={rentals.data?.items ?? []}
        loading={rentals.isPending}
        editable
        showVendor={false}
      />
      <div className="gz-rl-section-head">
        <h2>{t('relocation.vendor.bookings')}</h2>
      </div>
      <BookingTable bookings={bookings.data?.items ?? []} loading={bookings.isPending} actions />
    </>
  );
}

function DecorationSections({ vendorId }: { vendorId: number }) {
  const { t } = useTranslation();
  const packages = usePackages();
  const consultations = useConsultations();
  return (
    <>
      <ErrorAlert error={packages.error ?? consultations.error} />
      <div className="gz-rl-section-head">
        <h2>{t('relocation.vendor.packages')}</h2>
        <FormButton
          label={t('relocation.form.addPackage')}
          render={(close) => <PackageForm chooseVendor={false} onClose={close} />}
        />
      </div>
      <PackageTable
        packages={(packages.data?.items ?? []).filter((p) => p.vendorId === vendorId)}
        loading={packages.isPending}
        editable
      />
      <div className="gz-rl-section-head">
        <h2>{t('relocation.vendor.consultations')}</h2>
      </div>
      <ConsultationTable
        consultations={consultations.data?.items ?? []}
        loading={consultations.isPending}
        extra={(c) =>
          c.status === 'booked' || c.status === 'quoted' ? <QuoteForm consultation={c} /> : null
        }
      />
    </>
  );
}

function QuoteForm({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const quote = useQuote();
  const [amount, setAmount] = useState<number | null>(consultation.quoteAmount);
  return (
    <div>
      <Space wrap>
        <NumberInput
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
