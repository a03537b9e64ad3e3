import { sql } from 'kysely';
import type { z } from 'zod';
import type { Lesson, LessonBody, LessonPatch } from '../../../contract/antifraud.ts';
import { hasPermission, requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';

/**
 * 反诈语音课: short lessons residents play on their phones. A lesson has a Chinese script; staff
 * upload a recording or have the server read the script into one (lessons.recording.ts); without
 * one the web page reads the script aloud when the browser has a Chinese voice, else shows the text. Plays are counted per lesson and never tied to a person.
 */

export const AUDIO_MAX_BYTES = 10 * 1024 * 1024;

const AUDIO_SIGNATURES: Array<{ mime: string; test: (b: Buffer) => boolean }> = [
  // MP3: an ID3v2 tag, or an MPEG audio frame sync (11 set bits)
  {
    mime: 'audio/mpeg',
    test: (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && (b[1]! & 0xe0) === 0xe0),
  },
  { mime: 'audio/ogg', test: (b) => b.subarray(0, 4).toString('latin1') === 'OggS' },
  {
    mime: 'audio/wav',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE',
  },
];

/** The audio type by content, not by name; null when the bytes are not MP3, Ogg or WAV. */
export function sniffAudio(data: Buffer): string | null {
  return AUDIO_SIGNATURES.find((s) => s.test(data))?.mime ?? null;
}

/** Staff who manage lessons; everyone else sees published lessons only. */
const canManage = (ctx: RequestContext) => hasPermission(ctx.actor, 'antifraud.manage');

function requireListener(ctx: RequestContext): number {
  const tenantId = requireTenant(ctx.actor);
  const may = (['antifraud.manage', 'antifraud.visit', 'safety.report', 'self.read'] as const).some((p) =>
    hasPermission(ctx.actor, p),
  );
  if (!may) throw new AppError('forbidden');
  return tenantId;
}

function lessonQuery(db: Executor, tenantId: number) {
  return db
    .selectFrom('antifraud_lessons as l')
    .leftJoin('files as f', (j) =>
      j.onRef('f.tenant_id', '=', 'l.tenant_id').onRef('f.id', '=', 'l.audio_file_id'),
    )
    .select([
      'l.id',
      'l.title',
      'l.script',
      'l.duration_seconds',
      'l.published',
      'l.plays',
      'l.created_at',
      'l.audio_file_id',
      'f.mime',
      'f.size',
    ])
    .where('l.tenant_id', '=', tenantId);
}

type LessonRow = Awaited<ReturnType<ReturnType<typeof lessonQuery>['executeTakeFirstOrThrow']>>;

function toLesson(r: LessonRow): z.infer<typeof Lesson> {
  return {
    id: r.id,
    title: r.title,
    script: r.script,
    durationSeconds: r.duration_seconds,
    published: r.published,
    audio: r.audio_file_id !== null && r.mime ? { mime: r.mime, size: Number(r.size) } : null,
    plays: Number(r.plays),
    createdAt: r.created_at,
  };
}

export async function loadLesson(db: Executor, ctx: RequestContext, tenantId: number, id: number) {
  let q = lessonQuery(db, tenantId).where('l.id', '=', id);
  if (!canManage(ctx)) q = q.where('l.published', '=', true);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound();
  return toLesson(row);
}

/** Lessons: residents and workers see the published ones; the lead sees drafts too. */
export async function listLessons(deps: Deps, ctx: RequestContext) {
  const tenantId = requireListener(ctx);
  let q = lessonQuery(deps.db, tenantId);
  if (!canManage(ctx)) q = q.where('l.published', '=', true);
  const items = (await q.orderBy('l.id').execute()).map(toLesson);
  return { items, total: items.length };
}

export async function createLesson(deps: Deps, ctx: RequestContext, body: z.infer<typeof LessonBody>) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'antifraud.manage');
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('antifraud_lessons')
      .values({
        tenant_id: tenantId,
        title: body.title,
        script: body.script,
        duration_seconds: body.durationSeconds,
        published: body.published,
        created_by: ctx.actor.userId,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.lesson.create',
      entityType: 'antifraud_lesson',
      entityId: row.id,
      payload: { title: body.title, durationSeconds: body.durationSeconds, published: body.published },
    });
    return row.id;
  });
  return loadLesson(deps.db, ctx, tenantId, id);
}

export async function updateLesson(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  patch: z.infer<typeof LessonPatch>,
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'antifraud.manage');
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('antifraud_lessons')
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.script !== undefined ? { script: patch.script } : {}),
        ...(patch.durationSeconds !== undefined ? { duration_seconds: patch.durationSeconds } : {}),
        ...(patch.published !== undefined ? { published: patch.published } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.lesson.update',
      entityType: 'antifraud_lesson',
      entityId: id,
      payload: { ...patch, script: patch.script === undefined ? undefined : `${patch.script.length} chars` },
    });
  });
  return loadLesson(deps.db, ctx, tenantId, id);
}

/** Attaches a recording (MP3, Ogg or WAV, checked by content, at most 10 MB) to a lesson. */
export async function uploadAudio(
  deps: Deps,
  ctx: RequestContext,
  id: number,
  file: { name: string; data: Buffer },
) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'antifraud.manage');
  await loadLesson(deps.db, ctx, tenantId, id);
  const mime = sniffAudio(file.data);
  if (!mime)
    throw new AppError(
      'unsupported_file',
      { allowed: AUDIO_SIGNATURES.map((s) => s.mime) },
      { zh: '只能上传 MP3、OGG 或 WAV 格式的音频', en: 'Only MP3, Ogg or WAV audio can be uploaded' },
    );
  if (file.data.length > AUDIO_MAX_BYTES)
    throw new AppError(
      'payload_too_large',
      { maxBytes: AUDIO_MAX_BYTES },
      { zh: '音频不能超过 10 MB', en: 'The audio may be at most 10 MB' },
    );
  await deps.db.transaction().execute(async (trx) => {
    const name = file.name.replace(/[\\/\0]/g, '_').slice(0, 200) || 'lesson';
    const stored = await deps.files.put(trx, tenantId, {
      name,
      mime,
      data: file.data,
      createdBy: ctx.actor.userId,
    });
    await trx
      .updateTable('antifraud_lessons')
      .set({ audio_file_id: stored.id })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.lesson.audio',
      entityType: 'antifraud_lesson',
      entityId: id,
      payload: { fileId: stored.id, mime, size: stored.size, sha256: stored.sha256 },
    });
  });
  return loadLesson(deps.db, ctx, tenantId, id);
}

/** The recording of a lesson the actor may play. */
export async function readAudio(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = requireListener(ctx);
  const lesson = await loadLesson(deps.db, ctx, tenantId, id);
  const row = await deps.db
    .selectFrom('antifraud_lessons')
    .select('audio_file_id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', lesson.id)
    .executeTakeFirstOrThrow();
  if (row.audio_file_id === null) throw notFound();
  const file = await deps.files.read(deps.db, tenantId, row.audio_file_id);
  if (!file) throw notFound();
  return file;
}

/**
 * Counts one play. Anonymous on purpose: no audit row and no user id, so listening to a lesson
 * leaves no trace of who listened (a worker records "lesson played" on a visit instead).
 */
export async function countPlay(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = requireListener(ctx);
  const row = await deps.db
    .updateTable('antifraud_lessons')
    .set({ plays: sql<number>`plays + 1` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('published', '=', true)
    .returning('plays')
    .executeTakeFirst();
  if (!row) throw notFound();
  return { plays: Number(row.plays) };
}
