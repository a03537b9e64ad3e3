/**
 * Relocation support on the wire: rentals, moving requests, storage and the decoration market.
 * Types come from the shared contract (type-only).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CheckInBody,
  HouseholdRelocation as HouseholdRelocationSchema,
  MarketDay as MarketDaySchema,
  MarketDayBody,
  Matches as MatchesSchema,
  NeedsBody,
  PackageBody,
  PackageUpdateBody,
  RentalBody,
  RentalUpdateBody,
  VendorAccount as VendorAccountSchema,
  VendorBody,
  VolunteerBody,
  VolunteerUpdateBody,
  WarehouseBody,
  Consultation as ConsultationSchema,
  MoveRequest as MoveRequestSchema,
  MoveRequestBody,
  Package as PackageSchema,
  Rental as RentalSchema,
  RentalBooking as RentalBookingSchema,
  Storage as StorageSchema,
  StorageBookBody,
  Unarranged as UnarrangedSchema,
  Vendor as VendorSchema,
  Volunteer as VolunteerSchema,
  Warehouse as WarehouseSchema,
} from '../../../contract/relocation.ts';
import { api, type Page } from '../../api/client.ts';
import { uploadForm } from '../households/transfer.ts';

export type MoveRequest = z.infer<typeof MoveRequestSchema>;
export type Volunteer = z.infer<typeof VolunteerSchema>;
export type Warehouse = z.infer<typeof WarehouseSchema>;
export type Storage = z.infer<typeof StorageSchema>;
export type Rental = z.infer<typeof RentalSchema>;
export type Unarranged = z.infer<typeof UnarrangedSchema>;
export type Vendor = z.infer<typeof VendorSchema>;
export type Package = z.infer<typeof PackageSchema>;
export type Consultation = z.infer<typeof ConsultationSchema>;

export const relocationKey = ['relocation'] as const;

function useRelocationMutation<A, R>(fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: relocationKey }),
  });
}

const list =
  <T>(path: string, query?: Record<string, string | number | undefined>) =>
  ({ signal }: { signal: AbortSignal }) =>
    api.get<Page<T>>(path, query, { signal });

export type MarketDay = z.infer<typeof MarketDaySchema>;
export type Matches = z.infer<typeof MatchesSchema>;
export type HouseholdRelocation = z.infer<typeof HouseholdRelocationSchema>;
export type VendorAccount = z.infer<typeof VendorAccountSchema>;

export const useMoves = () =>
  useQuery({ queryKey: [...relocationKey, 'moves'], queryFn: list<MoveRequest>('/relocation/moves') });
export const useVolunteers = (enabled = true) =>
  useQuery({
    queryKey: [...relocationKey, 'volunteers'],
    queryFn: list<Volunteer>('/relocation/volunteers'),
    enabled,
  });
export const useWarehouses = () =>
  useQuery({
    queryKey: [...relocationKey, 'warehouses'],
    queryFn: list<Warehouse>('/relocation/warehouses'),
  });
export const useStorage = () =>
  useQuery({ queryKey: [...relocationKey, 'storage'], queryFn: list<Storage>('/relocation/storage') });
export const useRentals = () =>
  useQuery({ queryKey: [...relocationKey, 'rentals'], queryFn: list<Rental>('/relocation/rentals') });
export const useMarketDays = () =>
  useQuery({
    queryKey: [...relocationKey, 'market-days'],
    queryFn: list<MarketDay>('/relocation/market-days'),
  });
export const useVendorAccounts = (enabled = true) =>
  useQuery({
    queryKey: [...relocationKey, 'vendor-accounts'],
    queryFn: list<VendorAccount>('/relocation/vendor-accounts'),
    enabled,
  });
export const useHouseholdRelocation = (householdId: number, enabled = true) =>
  useQuery({
    queryKey: [...relocationKey, 'household', householdId],
    queryFn: ({ signal }) =>
      api.get<HouseholdRelocation>(`/relocation/households/${householdId}`, undefined, { signal }),
    enabled,
  });
export const useMatches = (householdId: number, enabled = true) =>
  useQuery({
    queryKey: [...relocationKey, 'matches', householdId],
    queryFn: ({ signal }) =>
      api.get<Matches>(`/relocation/households/${householdId}/matches`, undefined, { signal }),
    enabled,
  });
export const useUnarranged = (days: number, enabled = true) =>
  useQuery({
    queryKey: [...relocationKey, 'unarranged', days],
    queryFn: list<Unarranged>('/relocation/unarranged', { days }),
    enabled,
  });
export const useVendors = () =>
  useQuery({ queryKey: [...relocationKey, 'vendors'], queryFn: list<Vendor>('/relocation/vendors') });
export const usePackages = () =>
  useQuery({ queryKey: [...relocationKey, 'packages'], queryFn: list<Package>('/relocation/packages') });
export const useConsultations = () =>
  useQuery({
    queryKey: [...relocationKey, 'consultations'],
    queryFn: list<Consultation>('/relocation/consultations'),
  });

export const useRequestMove = () =>
  useRelocationMutation((body: z.input<typeof MoveRequestBody>) =>
    api.post<MoveRequest>('/relocation/moves', body),
  );
export const useScheduleMove = () =>
  useRelocationMutation(({ id, volunteerIds }: { id: number; volunteerIds: number[] }) =>
    api.post<MoveRequest>(`/relocation/moves/${id}/schedule`, { volunteerIds }),
  );
export const useConfirmMove = () =>
  useRelocationMutation(({ id, confirmedBy }: { id: number; confirmedBy?: string }) =>
    api.post<MoveRequest>(`/relocation/moves/${id}/confirm`, confirmedBy ? { confirmedBy } : {}),
  );
export const useBookStorage = () =>
  useRelocationMutation((body: z.input<typeof StorageBookBody>) =>
    api.post<Storage>('/relocation/storage', body),
  );
export const useCheckIn = () =>
  useRelocationMutation(({ id, ...body }: { id: number } & z.input<typeof CheckInBody>) =>
    api.post<Storage>(`/relocation/storage/${id}/check-in`, body),
  );
export const useCheckOut = () =>
  useRelocationMutation(({ id, signedBy }: { id: number; signedBy: string }) =>
    api.post<Storage>(`/relocation/storage/${id}/check-out`, { signedBy }),
  );
export const useBookConsultation = () =>
  useRelocationMutation(
    (body: { householdId: number; vendorId: number; packageId?: number; marketDayId?: number }) =>
      api.post<Consultation>('/relocation/consultations', body),
  );

export type RentalBooking = z.infer<typeof RentalBookingSchema>;

export const useBookings = () =>
  useQuery({
    queryKey: [...relocationKey, 'bookings'],
    queryFn: list<RentalBooking>('/relocation/bookings'),
  });
export const useQuote = () =>
  useRelocationMutation(({ id, amount, note }: { id: number; amount: number; note?: string }) =>
    api.post<Consultation>(`/relocation/consultations/${id}/quote`, { amount, ...(note ? { note } : {}) }),
  );
export const useBookingStep = () =>
  useRelocationMutation(
    ({
      id,
      step,
      contractNo,
    }: {
      id: number;
      step: 'contract' | 'move_in' | 'cancel';
      contractNo?: string;
    }) =>
      api.post<RentalBooking>(`/relocation/bookings/${id}/step`, {
        step,
        ...(contractNo ? { contractNo } : {}),
      }),
  );

export const useSetNeeds = () =>
  useRelocationMutation(({ householdId, ...body }: { householdId: number } & z.input<typeof NeedsBody>) =>
    api.put<{ ok: true }>(`/relocation/households/${householdId}/needs`, body),
  );
export const useReserve = () =>
  useRelocationMutation(({ rentalId, householdId }: { rentalId: number; householdId: number }) =>
    api.post<RentalBooking>(`/relocation/rentals/${rentalId}/reserve`, { householdId }),
  );
export const useSignContract = () =>
  useRelocationMutation(({ id, contractNo }: { id: number; contractNo: string }) =>
    api.post<Consultation>(`/relocation/consultations/${id}/contract`, { contractNo }),
  );
export const useFeedback = () =>
  useRelocationMutation(({ id, rating, complaint }: { id: number; rating?: number; complaint?: string }) =>
    api.post<Consultation>(`/relocation/consultations/${id}/feedback`, {
      ...(rating ? { rating } : {}),
      ...(complaint ? { complaint } : {}),
    }),
  );
export const useCancelMove = () =>
  useRelocationMutation((id: number) => api.post<MoveRequest>(`/relocation/moves/${id}/cancel`));
export const useCancelStorage = () =>
  useRelocationMutation((id: number) => api.post<Storage>(`/relocation/storage/${id}/cancel`));

/** Create (no id) or edit (id) one record of a staff-managed list. */
const save =
  <B, R>(path: string) =>
  ({ id, body }: { id?: number | undefined; body: B }) =>
    id === undefined ? api.post<R>(path, body) : api.put<R>(`${path}/${id}`, body);

export const useSaveVolunteer = () =>
  useRelocationMutation(
    save<z.input<typeof VolunteerBody> | z.input<typeof VolunteerUpdateBody>, Volunteer>(
      '/relocation/volunteers',
    ),
  );
export const useSaveWarehouse = () =>
  useRelocationMutation(save<z.input<typeof WarehouseBody>, Warehouse>('/relocation/warehouses'));
export const useSaveVendor = () =>
  useRelocationMutation(save<z.input<typeof VendorBody>, Vendor>('/relocation/vendors'));
export const useSavePackage = () =>
  useRelocationMutation(
    save<z.input<typeof PackageBody> | z.input<typeof PackageUpdateBody>, Package>('/relocation/packages'),
  );
export const useSaveMarketDay = () =>
  useRelocationMutation(save<z.input<typeof MarketDayBody>, MarketDay>('/relocation/market-days'));
export const useSaveRental = () =>
  useRelocationMutation(
    save<z.input<typeof RentalBody> | z.input<typeof RentalUpdateBody>, Rental>('/relocation/rentals'),
  );

/** Uploads one photo of stored items (multipart; the JSON client does not do files). */
export const useUploadStoragePhoto = () =>
  useRelocationMutation(({ id, file }: { id: number; file: File }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return uploadForm<Storage>(
      `/relocation/storage/${id}/photos`,
      form,
      () => {},
      () => {},
    ).promise;
  });

export const storagePhotoUrl = (storageId: number, fileId: number) =>
  `/api/relocation/storage/${storageId}/photos/${fileId}`;
