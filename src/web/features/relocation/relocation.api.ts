/**
 * Relocation support on the wire: rentals, moving requests, storage and the decoration market.
 * Types come from the shared contract (type-only).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CheckInBody,
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
  useRelocationMutation((body: { householdId: number; vendorId: number; packageId?: number }) =>
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
