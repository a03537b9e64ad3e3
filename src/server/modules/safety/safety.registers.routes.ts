/** Safety routes for the registers: building fire risks, rental flats, prepaid-card merchants, charging sites. */
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  BuildingRisk,
  BuildingRiskBody,
  ChargingSite,
  ChargingSiteBody,
  Merchant,
  MerchantBody,
  RentalCheckFacts,
  RentalFlat,
  RentalFlatBody,
  RentalNoticeBody,
} from '../../../contract/safety.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import * as registers from './safety.registers.ts';
import * as rentals from './safety.rentals.ts';

const tags = ['safety'];
const readers = ['safety.read', 'safety.manage'] as const;

export function safetyRegisterRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/safety/registers/buildings',
    {
      config: { permission: readers },
      schema: { tags, summary: 'Building fire-risk register', response: { 200: pageOf(BuildingRisk) } },
    },
    (req) => registers.listBuildingRisks(deps, ctxOf(req)),
  );
  app.post(
    '/api/safety/registers/buildings',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Record a building’s hazards (risk level by rule)',
        body: BuildingRiskBody,
        response: { 200: pageOf(BuildingRisk) },
      },
    },
    (req) => registers.saveBuildingRisk(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/safety/registers/rentals',
    {
      config: { permission: readers },
      schema: {
        tags,
        summary: 'Rental flats with the 群租 rule result',
        response: { 200: pageOf(RentalFlat) },
      },
    },
    (req) => rentals.listRentalFlats(deps, ctxOf(req)),
  );
  app.post(
    '/api/safety/registers/rentals',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Register a rental flat with its first check',
        body: RentalFlatBody,
        response: { 200: RentalFlat },
      },
    },
    (req) => rentals.createRentalFlat(deps, ctxOf(req), req.body),
  );
  app.get(
    '/api/safety/registers/rentals/:id',
    {
      config: { permission: readers },
      schema: {
        tags,
        summary: 'One rental flat with its checks',
        params: IdParams,
        response: { 200: RentalFlat },
      },
    },
    (req) => rentals.getRentalFlat(deps, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/safety/registers/rentals/:id/notice',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Issue a rectification notice with a deadline',
        params: IdParams,
        body: RentalNoticeBody,
        response: { 200: RentalFlat },
      },
    },
    (req) => rentals.issueRentalNotice(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/safety/registers/rentals/:id/checks',
    {
      config: { permission: ['safety.manage', 'safety.handle'] },
      schema: {
        tags,
        summary: 'Re-check a flat (rectified when the rules pass)',
        params: IdParams,
        body: RentalCheckFacts,
        response: { 200: RentalFlat },
      },
    },
    (req) => rentals.recheckRentalFlat(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/safety/registers/merchants',
    {
      config: { permission: readers },
      schema: { tags, summary: 'Merchants issuing prepaid cards', response: { 200: pageOf(Merchant) } },
    },
    (req) => registers.listMerchants(deps, ctxOf(req)),
  );
  app.post(
    '/api/safety/registers/merchants',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Add a merchant (risk level by rule)',
        body: MerchantBody,
        response: { 200: pageOf(Merchant) },
      },
    },
    (req) => registers.saveMerchant(deps, ctxOf(req), null, req.body),
  );
  app.put(
    '/api/safety/registers/merchants/:id',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Update a merchant',
        params: IdParams,
        body: MerchantBody,
        response: { 200: pageOf(Merchant) },
      },
    },
    (req) => registers.saveMerchant(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/safety/registers/charging-sites',
    {
      config: { permission: readers },
      schema: { tags, summary: 'E-bike charging sites', response: { 200: pageOf(ChargingSite) } },
    },
    (req) => registers.listChargingSites(deps, ctxOf(req)),
  );
  app.post(
    '/api/safety/registers/charging-sites',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Add a charging site (risk level by rule)',
        body: ChargingSiteBody,
        response: { 200: pageOf(ChargingSite) },
      },
    },
    (req) => registers.saveChargingSite(deps, ctxOf(req), null, req.body),
  );
  app.put(
    '/api/safety/registers/charging-sites/:id',
    {
      config: { permission: 'safety.manage' },
      schema: {
        tags,
        summary: 'Update a charging site',
        params: IdParams,
        body: ChargingSiteBody,
        response: { 200: pageOf(ChargingSite) },
      },
    },
    (req) => registers.saveChargingSite(deps, ctxOf(req), req.params.id, req.body),
  );
}
