import { z } from 'zod';
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  CheckInBody,
  CheckOutBody,
  Storage,
  StorageBookBody,
  Warehouse,
  WarehouseBody,
  WarehouseUpdateBody,
} from '../../../contract/relocation.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, sendDownload, type App } from '../../platform/http.ts';
import { readUpload } from '../../platform/uploads.ts';
import * as storage from './storage.bookings.ts';
import * as warehouses from './storage.warehouses.ts';
import { household, HouseholdQuery, tags } from './relocation.routes.common.ts';

const PhotoParams = z.object({
  id: z.coerce.number().int().positive(),
  fileId: z.coerce.number().int().positive(),
});

/** Storage (临时仓库): warehouses and households' storage bookings. */
export function storageRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/relocation/warehouses',
    {
      config: { permission: ['relocation.read', 'relocation.manage', 'relocation.book'] },
      schema: { tags, summary: 'Warehouses with occupancy', response: { 200: pageOf(Warehouse) } },
    },
    (req) => warehouses.listWarehouses(deps, ctxOf(req)),
  );
  app.post(
    '/api/relocation/warehouses',
    {
      config: { permission: 'relocation.manage' },
      schema: { tags, summary: 'Add a warehouse', body: WarehouseBody, response: { 200: Warehouse } },
    },
    (req) => warehouses.createWarehouse(deps, ctxOf(req), req.body),
  );
  app.put(
    '/api/relocation/warehouses/:id',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Edit a warehouse; capacity below the slots in use answers 409',
        params: IdParams,
        body: WarehouseUpdateBody,
        response: { 200: Warehouse },
      },
    },
    (req) => warehouses.updateWarehouse(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/relocation/storage',
    {
      config: { permission: ['relocation.read', 'relocation.manage', 'relocation.book'] },
      schema: {
        tags,
        summary: 'Storage bookings (residents: their own)',
        querystring: HouseholdQuery.extend({ warehouseId: z.coerce.number().int().positive().optional() }),
        response: { 200: pageOf(Storage) },
      },
    },
    (req) => storage.listStorage(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/relocation/storage',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Book storage slots; a full warehouse answers 409',
        body: StorageBookBody,
        response: { 200: Storage },
      },
    },
    (req) => storage.bookStorage(deps, ctxOf(req), req.body),
  );
  app.post(
    '/api/relocation/storage/:id/check-in',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Check items in with their inventory',
        params: IdParams,
        body: CheckInBody,
        response: { 200: Storage },
      },
    },
    (req) => storage.checkIn(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/relocation/storage/:id/photos',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        summary: 'Add a photo of the stored items (JPG/PNG/WEBP ≤ 10 MB)',
        params: IdParams,
        response: { 200: Storage },
      },
    },
    async (req) => {
      const { file } = await readUpload(req, storage.PHOTO_UPLOAD);
      return storage.addPhoto(deps, ctxOf(req), req.params.id, file);
    },
  );
  app.get(
    '/api/relocation/storage/:id/photos/:fileId',
    {
      config: { permission: ['relocation.read', 'relocation.manage', 'relocation.book'] },
      schema: { tags, summary: 'A photo of stored items', params: PhotoParams },
    },
    async (req, reply) => {
      const file = await storage.readPhoto(deps, ctxOf(req), req.params.id, req.params.fileId);
      return sendDownload(reply, file.meta.name, file.meta.mime, file.data);
    },
  );
  app.post(
    '/api/relocation/storage/:id/check-out',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Hand items back, signed by the household; a second check-out answers 409',
        params: IdParams,
        body: CheckOutBody,
        response: { 200: Storage },
      },
    },
    (req) => storage.checkOut(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/relocation/storage/:id/cancel',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Cancel a booking not yet checked in',
        params: IdParams,
        response: { 200: Storage },
      },
    },
    (req) => storage.cancelStorage(deps, ctxOf(req), req.params.id),
  );
}
