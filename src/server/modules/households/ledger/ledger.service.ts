import type ExcelJS from 'exceljs';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import {
  ImportFields,
  type HouseholdQuery,
  type ImportField,
  type ImportReport,
} from '../../../../contract/households.ts';
import type { DB } from '../../../db/schema.ts';
import { requirePermission, requireTenant } from '../../../access/access.ts';
import { householdVisibility } from '../../../access/policies.ts';
import { writeAudit } from '../../../platform/audit.ts';
import { loadExcel } from '../../../platform/excel.ts';
import type { RequestContext } from '../../../platform/context.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, invalidField, notFound } from '../../../platform/errors.ts';
import { maskIdNumber, maskPhone } from '../../../platform/mask.ts';
import { analyze } from '../../../platform/statistics.ts';
import { buildingSortKey } from '../estates.service.ts';
import { floorOf, searchTokens } from '../households.rules.ts';
import { openLedger, type LedgerRow } from './ledger-reader.ts';
import {
  applyMapping,
  findHeader,
  LEDGER_COLUMNS,
  maskPreviewRow,
  readRow,
  type HouseholdRecord,
  type Issue,
} from './ledger-rows.ts';

const BATCH = 1000;
const MAX_ISSUES = 2000; // the report lists this many; counts stay exact beyond it

export interface ImportOptions {
  mapping?: Partial<Record<ImportField, string>> | undefined;
  dryRun?: boolean | undefined;
}

/** Thrown inside the transaction to roll a dry run back after counting everything. */
class DryRunRollback extends Error {}

async function headerOf(rows: AsyncIterable<LedgerRow>) {
  const iterator = rows[Symbol.asyncIterator]();
  const head: LedgerRow[] = [];
  for (let i = 0; i < 30; i++) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
  }
  const found = findHeader(head.map((r) => r.cells));
  if (!found) {
    throw new AppError('validation_failed', [
      {
        path: 'file',
        message: {
          zh: '找不到表头行：需要至少包含楼号、室号、户主中的两列',
          en: 'No header row found: need at least two of building, room, head of household',
        },
      },
    ]);
  }
  const headerRow = head[found.index]!;
  const headers = headerRow.cells.map((c) => c.trim());
  async function* rest(): AsyncIterable<LedgerRow> {
    for (const r of head.slice(found!.index + 1)) yield r;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { headerRow: headerRow.row, headers, guessed: found.mapping, rows: rest() };
}

/** First rows and the proposed header mapping, for the person to confirm before importing. */
export async function previewLedger(
  deps: Deps,
  ctx: RequestContext,
  estateId: number,
  data: Buffer,
  filename: string,
) {
  requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'household.import');
  await requireEstate(deps, ctx, estateId);
  const ledger = openLedger(data, filename);
  const { headerRow, headers, guessed, rows } = await headerOf(ledger.rows);
  const fullPhone = ctx.actor.permissions.has('household.read_phone');
  const sample: string[][] = [];
  for await (const r of rows) {
    sample.push(maskPreviewRow(r.cells, guessed, fullPhone));
    if (sample.length >= 8) break;
  }
  const mapping: Record<string, string> = {};
  for (const [field, idx] of Object.entries(guessed)) mapping[field] = headers[idx] ?? '';
  return { headerRow, headers, mapping, sample, encoding: ledger.encoding };
}

async function requireEstate(deps: Deps, ctx: RequestContext, estateId: number) {
  const estate = await deps.db
    .selectFrom('estates')
    .select('id')
    .where('tenant_id', '=', ctx.actor.tenantId!)
    .where('id', '=', estateId)
    .executeTakeFirst();
  if (!estate) throw notFound();
}

/**
 * Imports a ledger into an estate: all or nothing, in one transaction. New flats are created, known
 * flats (same building and room) are updated with the non-empty values of the file, and every row
 * that cannot be used is reported with its Excel row number and the reason.
 */
export async function importLedger(
  deps: Deps,
  ctx: RequestContext,
  estateId: number,
  data: Buffer,
  filename: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'household.import');
  await requireEstate(deps, ctx, estateId);
  if (options.mapping) {
    const unknown = Object.keys(options.mapping).filter(
      (k) => !(ImportFields as readonly string[]).includes(k),
    );
    if (unknown.length)
      throw invalidField(
        'mapping',
        `未知字段：${unknown.join('、')}`,
        `Unknown fields: ${unknown.join(', ')}`,
      );
  }
  const ledger = openLedger(data, filename);
  const { headers, guessed, rows } = await headerOf(ledger.rows);
  const mapping = applyMapping(headers, guessed, options.mapping);
  const report: ImportReport = {
    rows: 0,
    imported: 0,
    updated: 0,
    rejected: 0,
    skipped: 0,
    dryRun: Boolean(options.dryRun),
    warnings: [],
    errors: [],
  };
  const pushIssue = (list: Issue[], i: Issue) => {
    if (list.length < MAX_ISSUES) list.push(i);
  };

  try {
    await deps.db.transaction().execute(async (trx) => {
      const buildings = await buildingIds(trx, tenantId, estateId);
      const seen = new Set<string>();
      const state = { lastBuilding: null as string | null };
      let batch: Array<{ row: number; record: HouseholdRecord }> = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const result = await upsertBatch(deps, trx, tenantId, estateId, buildings, batch);
        report.imported += result.inserted;
        report.updated += result.updated;
        batch = [];
      };
      for await (const { row, cells } of rows) {
        const outcome = readRow(row, cells, mapping, headers, state, ctx.lang);
        if (outcome.kind === 'skip') {
          report.skipped++;
          continue;
        }
        report.rows++;
        if (outcome.kind === 'reject') {
          report.rejected++;
          for (const i of outcome.issues) pushIssue(report.errors, i);
          continue;
        }
        const key = `${outcome.record.building}|${outcome.record.room}`;
        if (seen.has(key)) {
          report.rejected++;
          pushIssue(report.errors, {
            row,
            column: null,
            code: 'duplicate',
            message: duplicateMessage(ctx.lang),
          });
          continue;
        }
        seen.add(key);
        for (const w of outcome.warnings) pushIssue(report.warnings, w);
        batch.push({ row, record: outcome.record });
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      await writeAudit(trx, deps.clock, ctx, {
        tenantId,
        action: 'household.import',
        entityType: 'estate',
        entityId: estateId,
        payload: {
          filename,
          encoding: ledger.encoding,
          rows: report.rows,
          imported: report.imported,
          updated: report.updated,
          rejected: report.rejected,
        },
      });
      if (options.dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (!options.dryRun) await analyze(deps, ['buildings', 'households']); // a big import changes row counts
  return report;
}

const duplicateMessage = (lang: 'zh' | 'en') =>
  lang === 'zh'
    ? '与本文件中前面的行是同一户（楼号+室号重复），已跳过'
    : 'Same flat as an earlier row in this file';

async function buildingIds(trx: Transaction<DB>, tenantId: number, estateId: number): Promise<BuildingIds> {
  const rows = await trx
    .selectFrom('buildings')
    .select(['id', 'number'])
    .where('tenant_id', '=', tenantId)
    .where('estate_id', '=', estateId)
    .execute();
  return { byNumber: new Map(rows.map((r) => [r.number, r.id])), created: new Set() };
}

const FLAGS = [
  'elderly_alone',
  'very_old',
  'disability',
  'hardship',
  'party_member',
  'needs_moving_help',
  'needs_storage',
] as const satisfies ReadonlyArray<keyof HouseholdRecord['flags']>;

/** Joins a row's search tokens into one array element (a 2-D array would flatten in unnest). */
const TOKEN_SEPARATOR = '\u001f';
const tokenField = (r: HouseholdRecord) =>
  searchTokens({
    building: r.building,
    room: r.room,
    headName: r.headName,
    memberNames: [],
    phone: r.phone,
    idNumber: r.idNumber,
  }).join(TOKEN_SEPARATOR);

// Re-importing updates a known flat with what the file has; empty cells keep what is on file.
const keep = <T>(col: string) => sql<T>`coalesce(excluded.${sql.ref(col)}, households.${sql.ref(col)})`;

/** The buildings of the estate by number, and the ids of those this import created (no flat on file yet). */
interface BuildingIds {
  byNumber: Map<string, number>;
  created: Set<number>;
}

const HOUSEHOLD_COLUMNS = [
  'tenant_id',
  'estate_id',
  'building_id',
  'room',
  'floor',
  'head_name',
  'phone_enc',
  'id_number_enc',
  'id_number_index',
  'registered_count',
  'resident_count',
  'area_building',
  'area_usable',
  'tenure',
  'notes',
  ...FLAGS,
  'search_tokens',
  'updated_at',
] as const;

/**
 * The batch's rows as a `select … from unnest(…)`: one array per column, 22 parameters per batch
 * instead of 22 per row, which keeps the statement small and the garbage of a 100,000-row import low
 * (issue 16: peak memory).
 */
function batchRows(
  deps: Deps,
  tenantId: number,
  estateId: number,
  buildings: BuildingIds,
  records: HouseholdRecord[],
) {
  const column = <T>(pick: (r: HouseholdRecord) => T): T[] => records.map(pick);
  const flag = (name: keyof HouseholdRecord['flags']) => column((r) => r.flags[name]);
  return sql`select ${tenantId}::bigint, ${estateId}::bigint, u.building_id, u.room, u.floor, u.head_name,
        u.phone_enc, u.id_number_enc, u.id_number_index, u.registered_count, u.resident_count,
        u.area_building, u.area_usable, u.tenure, u.notes, ${sql.join(FLAGS.map((name) => sql`u.${sql.ref(name)}`))},
        string_to_array(u.search_tokens, ${TOKEN_SEPARATOR}), ${deps.clock.now()}::timestamptz
      from unnest(
        ${column((r) => buildings.byNumber.get(r.building)!)}::bigint[],
        ${column((r) => r.room)}::text[],
        ${column((r) => floorOf(r.room))}::integer[],
        ${column((r) => r.headName)}::text[],
        ${column((r) => (r.phone ? deps.cipher.encrypt(r.phone) : null))}::text[],
        ${column((r) => (r.idNumber ? deps.cipher.encrypt(r.idNumber) : null))}::text[],
        ${column((r) => (r.idNumber ? deps.cipher.blindIndex(r.idNumber) : null))}::text[],
        ${column((r) => r.registeredCount)}::integer[],
        ${column((r) => r.residentCount)}::integer[],
        ${column((r) => r.areaBuilding)}::numeric[],
        ${column((r) => r.areaUsable)}::numeric[],
        ${column((r) => r.tenure)}::text[],
        ${column((r) => r.notes)}::text[],
        ${sql.join(FLAGS.map((name) => sql`${flag(name)}::boolean[]`))},
        ${column((r) => tokenField(r))}::text[]
      ) as u(building_id, room, floor, head_name, phone_enc, id_number_enc, id_number_index,
             registered_count, resident_count, area_building, area_usable, tenure, notes,
             ${sql.join(FLAGS.map((name) => sql.ref(name)))}, search_tokens)`;
}

async function upsertBatch(
  deps: Deps,
  trx: Transaction<DB>,
  tenantId: number,
  estateId: number,
  buildings: BuildingIds,
  batch: Array<{ row: number; record: HouseholdRecord }>,
): Promise<{ inserted: number; updated: number }> {
  const missing = [...new Set(batch.map((b) => b.record.building))].filter((n) => !buildings.byNumber.has(n));
  if (missing.length) {
    const created = await trx
      .insertInto('buildings')
      .values(
        missing.map((number) => ({
          tenant_id: tenantId,
          estate_id: estateId,
          number,
          sort_key: buildingSortKey(number),
        })),
      )
      .returning(['id', 'number'])
      .execute();
    for (const b of created) {
      buildings.byNumber.set(b.number, b.id);
      buildings.created.add(b.id);
    }
  }
  // A flat in a building this import created cannot be on file yet: a plain insert, which spares
  // PostgreSQL the speculative insertion and conflict check of an upsert (the common case, a first
  // import of an estate). Flats in buildings already on file may be known: upserted.
  const fresh: HouseholdRecord[] = [];
  const known: HouseholdRecord[] = [];
  for (const { record } of batch) {
    (buildings.created.has(buildings.byNumber.get(record.building)!) ? fresh : known).push(record);
  }
  let inserted = 0;
  let updated = 0;
  if (fresh.length) {
    await trx
      .insertInto('households')
      .columns(HOUSEHOLD_COLUMNS)
      .expression(batchRows(deps, tenantId, estateId, buildings, fresh))
      .execute();
    inserted += fresh.length;
  }
  if (known.length) {
    const rows = await trx
      .insertInto('households')
      .columns(HOUSEHOLD_COLUMNS)
      .expression(batchRows(deps, tenantId, estateId, buildings, known))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'building_id', 'room']).doUpdateSet({
          head_name: sql`excluded.head_name`,
          phone_enc: keep<string | null>('phone_enc'),
          id_number_enc: keep<string | null>('id_number_enc'),
          id_number_index: keep<string | null>('id_number_index'),
          registered_count: keep<number | null>('registered_count'),
          resident_count: keep<number | null>('resident_count'),
          area_building: keep<number | null>('area_building'),
          area_usable: keep<number | null>('area_usable'),
          tenure: keep<string | null>('tenure'),
          notes: keep<string | null>('notes'),
          ...Object.fromEntries(
            FLAGS.map((name) => [name, sql`households.${sql.ref(name)} or excluded.${sql.ref(name)}`]),
          ),
          search_tokens: sql`(select array(select distinct unnest(households.search_tokens || excluded.search_tokens)))`,
          updated_at: sql`excluded.updated_at`,
        }),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    const added = rows.filter((r) => r.inserted).length;
    inserted += added;
    updated += rows.length - added;
  }
  return { inserted, updated };
}

/** The (filtered) household list as a ledger with the import's own columns, so it can round-trip. */
export async function exportLedger(
  deps: Deps,
  ctx: RequestContext,
  query: z.infer<typeof HouseholdQuery>,
): Promise<Buffer> {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'household.export');
  let q = deps.readDb // the export's reading is heavy; its audit row below goes to the primary
    .selectFrom('households')
    .innerJoin('buildings', (j) =>
      j
        .onRef('buildings.tenant_id', '=', 'households.tenant_id')
        .onRef('buildings.id', '=', 'households.building_id'),
    )
    .select([
      'buildings.number',
      'households.room',
      'households.head_name',
      'households.id_number_enc',
      'households.phone_enc',
      'households.registered_count',
      'households.resident_count',
      'households.area_building',
      'households.area_usable',
      'households.tenure',
      'households.notes',
    ])
    .where('households.tenant_id', '=', tenantId)
    .where(householdVisibility(ctx.actor));
  if (query.estateId) q = q.where('households.estate_id', '=', query.estateId);
  if (query.buildingId) q = q.where('households.building_id', '=', query.buildingId);
  if (query.stage) q = q.where('households.stage', '=', query.stage);
  const rows = await q.orderBy('buildings.sort_key').orderBy('households.room').limit(200_000).execute();
  // ID numbers leave masked: an export is a copy outside our access control.
  const fullPhone = ctx.actor.permissions.has('household.read_phone');
  const workbook = await ledgerWorkbook();
  const sheet = workbook.getWorksheet(1)!;
  for (const r of rows) {
    const phone = r.phone_enc ? deps.cipher.decrypt(r.phone_enc) : '';
    sheet.addRow([
      r.number,
      r.room,
      r.head_name,
      r.id_number_enc ? maskIdNumber(deps.cipher.decrypt(r.id_number_enc)) : '',
      phone && !fullPhone ? maskPhone(phone) : phone,
      r.registered_count,
      r.resident_count,
      r.area_building,
      r.area_usable,
      r.tenure === 'public' ? '公房' : r.tenure === 'private' ? '私房' : '',
      r.notes ?? '',
    ]);
  }
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'household.export',
      entityType: 'estate',
      entityId: query.estateId ?? null,
      payload: { rows: rows.length, filters: query },
    }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function ledgerWorkbook(): Promise<ExcelJS.Workbook> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = '共治 Gongzhi';
  const sheet = workbook.addWorksheet('住户台账');
  sheet.columns = LEDGER_COLUMNS.map((c) => ({
    header: c.zh,
    key: c.field,
    width: c.field === 'notes' ? 30 : c.field === 'idNumber' ? 22 : 12,
  }));
  // Text format keeps Excel from turning ID and phone numbers into numbers.
  sheet.getColumn(4).numFmt = '@';
  sheet.getColumn(5).numFmt = '@';
  sheet.getRow(1).font = { bold: true };
  return workbook;
}

/** A blank ledger with the expected columns (ID and phone columns preformatted as text). */
export async function ledgerTemplate(): Promise<Buffer> {
  return Buffer.from(await (await ledgerWorkbook()).xlsx.writeBuffer());
}
