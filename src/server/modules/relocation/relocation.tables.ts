import type { Generated } from 'kysely';
import type { CreatedAt, DateCol, Json, Timestamp } from '../../db/columns.ts';

export interface RelocationVendorsTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  kind: string;
  contact: string | null;
  intro: string | null;
  user_id: number | null;
  created_at: CreatedAt;
}

export interface RelocationNeedsTable {
  tenant_id: number;
  household_id: number;
  planned_move_on: DateCol | null;
  rent_budget: number | null;
  note: string | null;
  transition: string | null;
}

export interface RelocationRentalsTable {
  tenant_id: number;
  id: Generated<number>;
  vendor_id: number;
  title: string;
  location: string;
  distance_m: number;
  rent: number;
  rooms: number;
  floor: number;
  has_lift: boolean;
  available_from: DateCol;
  available_to: DateCol | null;
  min_months: number;
  fee_waived: boolean;
  status: Generated<string>;
  created_at: CreatedAt;
}

export interface RelocationRentalBookingsTable {
  tenant_id: number;
  id: Generated<number>;
  rental_id: number;
  household_id: number;
  status: Generated<string>;
  contract_no: string | null;
  reserved_at: Timestamp;
  contracted_at: Timestamp | null;
  moved_in_at: Timestamp | null;
}

export interface RelocationVolunteersTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  unit: string | null;
  skills: string | null;
  availability: string | null;
  /** Legacy clear text: moved into phone_enc at start-up, never written. */
  phone: string | null;
  phone_enc: string | null;
  user_id: number | null;
  active: Generated<boolean>;
}

export interface RelocationMoveRequestsTable {
  tenant_id: number;
  id: Generated<number>;
  household_id: number;
  direction: string;
  move_on: DateCol;
  slot: string;
  volume_m3: number;
  stairs_floors: number;
  fragile: string | null;
  needs_storage: boolean;
  note: string | null;
  status: Generated<string>;
  requested_by: number | null;
  created_at: Timestamp;
  scheduled_at: Timestamp | null;
  confirmed_at: Timestamp | null;
  confirmed_by: string | null;
}

export interface RelocationMoveAssignmentsTable {
  tenant_id: number;
  request_id: number;
  volunteer_id: number;
  move_on: DateCol;
  slot: string;
}

export interface RelocationWarehousesTable {
  tenant_id: number;
  id: Generated<number>;
  name: string;
  address: string | null;
  provider: string | null;
  capacity_slots: number;
}

export interface RelocationStorageTable {
  tenant_id: number;
  id: Generated<number>;
  warehouse_id: number;
  household_id: number;
  slots: number;
  status: Generated<string>;
  items: Json;
  booked_at: Timestamp;
  checked_in_at: Timestamp | null;
  checked_in_by: number | null;
  checked_out_at: Timestamp | null;
  checked_out_by: number | null;
  signed_by: string | null;
}

export interface RelocationStoragePhotosTable {
  tenant_id: number;
  storage_id: number;
  file_id: number;
}

export interface RelocationPackagesTable {
  tenant_id: number;
  id: Generated<number>;
  vendor_id: number;
  name: string;
  contents: string;
  price: number;
  active: Generated<boolean>;
}

export interface RelocationMarketDaysTable {
  tenant_id: number;
  id: Generated<number>;
  on_date: DateCol;
  place: string;
  title: string;
}

export interface RelocationConsultationsTable {
  tenant_id: number;
  id: Generated<number>;
  household_id: number;
  vendor_id: number;
  package_id: number | null;
  market_day_id: number | null;
  status: Generated<string>;
  note: string | null;
  quote_amount: number | null;
  quote_note: string | null;
  contract_no: string | null;
  rating: number | null;
  complaint: string | null;
  created_at: Timestamp;
  quoted_at: Timestamp | null;
  contracted_at: Timestamp | null;
}

export interface RelocationTables {
  relocation_vendors: RelocationVendorsTable;
  relocation_needs: RelocationNeedsTable;
  relocation_rentals: RelocationRentalsTable;
  relocation_rental_bookings: RelocationRentalBookingsTable;
  relocation_volunteers: RelocationVolunteersTable;
  relocation_move_requests: RelocationMoveRequestsTable;
  relocation_move_assignments: RelocationMoveAssignmentsTable;
  relocation_warehouses: RelocationWarehousesTable;
  relocation_storage: RelocationStorageTable;
  relocation_storage_photos: RelocationStoragePhotosTable;
  relocation_packages: RelocationPackagesTable;
  relocation_market_days: RelocationMarketDaysTable;
  relocation_consultations: RelocationConsultationsTable;
}
