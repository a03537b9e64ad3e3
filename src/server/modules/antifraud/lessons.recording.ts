import { requirePermission, requireTenant } from '../../access/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { speech, speechAvailable, SpeechUnavailable, synthesize } from '../../platform/speech.ts';
import { loadLesson } from './lessons.service.ts';

/**
 * 生成录音: a lesson's script read aloud by espeak-ng on the server and stored as its recording in the
 * database file store (files + chunks), so every process serves it and phones without a Chinese voice
 * still hear the lesson. The lesson's length becomes the recording's.
 */

const unavailable = () =>
  new AppError(
    'unavailable',
    { program: speech.command },
    {
      zh: '服务器没有安装语音合成程序 espeak-ng，暂时不能生成录音；居民仍可阅读文字，或由您上传录音',
      en: 'The server has no speech synthesiser (espeak-ng) installed, so no recording can be made; residents can still read the text, or you can upload a recording',
    },
  );

/** Whether recordings can be generated on this server (for the lessons page). */
export async function recorderStatus(ctx: RequestContext) {
  requirePermission(ctx.actor, 'antifraud.manage');
  return { available: await speechAvailable(), program: speech.command };
}

export async function generateRecording(deps: Deps, ctx: RequestContext, id: number) {
  const tenantId = requireTenant(ctx.actor);
  requirePermission(ctx.actor, 'antifraud.manage');
  const lesson = await deps.db
    .selectFrom('antifraud_lessons')
    .select(['id', 'title', 'script'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!lesson) throw notFound();
  let audio: Awaited<ReturnType<typeof synthesize>>;
  try {
    audio = await synthesize(`${lesson.title}。${lesson.script}`);
  } catch (error) {
    if (error instanceof SpeechUnavailable) throw unavailable();
    throw error;
  }
  await deps.db.transaction().execute(async (trx) => {
    const stored = await deps.files.put(trx, tenantId, {
      name: `lesson-${id}.wav`,
      mime: 'audio/wav',
      data: audio.wav,
      createdBy: ctx.actor.userId,
    });
    await trx
      .updateTable('antifraud_lessons')
      .set({ audio_file_id: stored.id, duration_seconds: Math.max(10, Math.round(audio.seconds)) })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, deps.clock, ctx, {
      tenantId,
      action: 'antifraud.lesson.recording',
      entityType: 'antifraud_lesson',
      entityId: id,
      payload: {
        fileId: stored.id,
        mime: 'audio/wav',
        size: stored.size,
        seconds: Math.round(audio.seconds),
      },
    });
  });
  return loadLesson(deps.db, ctx, tenantId, id);
}
