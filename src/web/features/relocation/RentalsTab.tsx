import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormButton } from './ModalForm.tsx';
import { RentalForm } from './RentalForm.tsx';
import { useBookings, useRentals } from './relocation.api.ts';
import { SectionHead } from './SectionHead.tsx';
import { BookingTable, RentalTable } from './RentalTables.tsx';

export function RentalsTab({ manage }: { manage: boolean }) {
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
