import { z } from 'zod';
import { IdParams, pageOf } from '../../../contract/common.ts';
import {
  Consultation,
  ConsultationBody,
  ContractBody,
  FeedbackBody,
  MarketDay,
  MarketDayBody,
  Package,
  PackageBody,
  PackageUpdateBody,
  QuoteBody,
  Vendor,
  VendorAccount,
  VendorBody,
  VendorKinds,
  VendorUpdateBody,
} from '../../../contract/relocation.ts';
import type { Deps } from '../../platform/deps.ts';
import { ctxOf, type App } from '../../platform/http.ts';
import * as consultations from './market.consultations.ts';
import * as market from './market.offers.ts';
import { any, household, HouseholdQuery, offer, tags } from './relocation.routes.common.ts';

/** The decoration market (惠民市集): firms, packages, market days and consultations. */
export function marketRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/relocation/vendors',
    {
      config: { permission: any },
      schema: {
        tags,
        summary: 'Partner firms with ratings',
        querystring: z.object({ kind: z.enum(VendorKinds).optional() }),
        response: { 200: pageOf(Vendor) },
      },
    },
    (req) => market.listVendors(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/relocation/vendors',
    {
      config: { permission: 'relocation.manage' },
      schema: { tags, summary: 'Add a partner firm', body: VendorBody, response: { 200: Vendor } },
    },
    (req) => market.createVendor(deps, ctxOf(req), req.body),
  );
  app.put(
    '/api/relocation/vendors/:id',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Edit a partner firm',
        params: IdParams,
        body: VendorUpdateBody,
        response: { 200: Vendor },
      },
    },
    (req) => market.updateVendor(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/relocation/vendor-accounts',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Vendor accounts of the street a firm can be linked to',
        response: { 200: pageOf(VendorAccount) },
      },
    },
    (req) => market.listVendorAccounts(deps, ctxOf(req)),
  );
  app.get(
    '/api/relocation/packages',
    {
      config: { permission: any },
      schema: {
        tags,
        summary: '惠民套餐',
        querystring: z.object({ vendorId: z.coerce.number().int().positive().optional() }),
        response: { 200: pageOf(Package) },
      },
    },
    (req) => market.listPackages(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/relocation/packages',
    {
      config: { permission: offer },
      schema: {
        tags,
        summary: 'Offer a package (decoration firm or staff)',
        body: PackageBody,
        response: { 200: Package },
      },
    },
    (req) => market.createPackage(deps, ctxOf(req), req.body),
  );
  app.put(
    '/api/relocation/packages/:id',
    {
      config: { permission: offer },
      schema: {
        tags,
        summary: 'Edit a package or take it off offer (the firm or staff)',
        params: IdParams,
        body: PackageUpdateBody,
        response: { 200: Package },
      },
    },
    (req) => market.updatePackage(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/relocation/market-days',
    {
      config: { permission: any },
      schema: { tags, summary: 'Market days', response: { 200: pageOf(MarketDay) } },
    },
    (req) => market.listMarketDays(deps, ctxOf(req)),
  );
  app.post(
    '/api/relocation/market-days',
    {
      config: { permission: 'relocation.manage' },
      schema: { tags, summary: 'Schedule a market day', body: MarketDayBody, response: { 200: MarketDay } },
    },
    (req) => market.createMarketDay(deps, ctxOf(req), req.body),
  );
  app.put(
    '/api/relocation/market-days/:id',
    {
      config: { permission: 'relocation.manage' },
      schema: {
        tags,
        summary: 'Edit a market day',
        params: IdParams,
        body: MarketDayBody,
        response: { 200: MarketDay },
      },
    },
    (req) => market.updateMarketDay(deps, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/relocation/consultations',
    {
      config: { permission: any },
      schema: {
        tags,
        summary: 'Consultations (vendors: their own; residents: their household’s)',
        querystring: HouseholdQuery,
        response: { 200: pageOf(Consultation) },
      },
    },
    (req) => consultations.listConsultations(deps, ctxOf(req), req.query),
  );
  app.post(
    '/api/relocation/consultations',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Book a consultation with a firm',
        body: ConsultationBody,
        response: { 200: Consultation },
      },
    },
    (req) => consultations.bookConsultation(deps, ctxOf(req), req.body),
  );
  app.post(
    '/api/relocation/consultations/:id/quote',
    {
      config: { permission: offer },
      schema: {
        tags,
        summary: 'Quote for a consultation',
        params: IdParams,
        body: QuoteBody,
        response: { 200: Consultation },
      },
    },
    (req) => consultations.quote(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/relocation/consultations/:id/contract',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Sign the contract of a quoted consultation',
        params: IdParams,
        body: ContractBody,
        response: { 200: Consultation },
      },
    },
    (req) => consultations.signContract(deps, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/relocation/consultations/:id/feedback',
    {
      config: { permission: household },
      schema: {
        tags,
        summary: 'Rate the firm or complain',
        params: IdParams,
        body: FeedbackBody,
        response: { 200: Consultation },
      },
    },
    (req) => consultations.feedback(deps, ctxOf(req), req.params.id, req.body),
  );
}
