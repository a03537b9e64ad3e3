import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { login, newStreet, newUser, type Session } from '../../../../test/support/factories.ts';
import { speech, speechAvailable } from '../../platform/speech.ts';

let t: TestApp;
let leader: Session;
let resident: Session;
let committee: Session;
const hasEspeak = await speechAvailable();
// CI installs espeak-ng (.ci/run); elsewhere say why the recording test does not run
if (!hasEspeak)
  console.warn('[lessons.recording.test] skipped: espeak-ng is not installed (apt-get install espeak-ng)');

beforeAll(async () => {
  t = await createTestApp();
  const street = await newStreet(t.deps, '曹杨');
  leader = await login(t.app, await newUser(t.deps, 'street_leader', street));
  committee = await login(t.app, await newUser(t.deps, 'committee', street));
  resident = await login(t.app, await newUser(t.deps, 'resident', street));
});
afterAll(() => t.close());

const lesson = {
  title: '接到“公检法”电话怎么办',
  script: '公检法机关不会通过电话办案，更没有所谓的安全账户。请马上挂断电话，拨打96110核实。',
  durationSeconds: 40,
};

describe('lesson recordings made on the server (生成录音)', () => {
  it.skipIf(!hasEspeak)(
    'reads a lesson into a small WAV stored in the database and served as audio/wav',
    async () => {
      const id = (await leader.call('POST', '/api/antifraud/lessons', lesson)).json().id;
      expect((await leader.call('GET', '/api/antifraud/lessons/recorder')).json()).toEqual({
        available: true,
        program: 'espeak-ng',
      });
      expect((await committee.call('POST', `/api/antifraud/lessons/${id}/recording`)).statusCode).toBe(403);
      const made = await leader.call('POST', `/api/antifraud/lessons/${id}/recording`);
      expect(made.statusCode, made.body).toBe(200);
      const { audio, durationSeconds } = made.json();
      expect(audio.mime).toBe('audio/wav');
      // 11 025 Hz, 8-bit mono: about 11 KB a second of speech
      expect(audio.size).toBeGreaterThan(30_000);
      expect(audio.size / durationSeconds).toBeLessThan(12_000);
      expect(durationSeconds).toBeGreaterThan(5);

      const played = await resident.call('GET', `/api/antifraud/lessons/${id}/audio`);
      expect(played.statusCode).toBe(200);
      expect(played.headers['content-type']).toBe('audio/wav');
      const wav = played.rawPayload;
      expect(wav.toString('latin1', 0, 4)).toBe('RIFF');
      expect(wav.toString('latin1', 8, 16)).toBe('WAVEfmt ');
      expect(wav.readUInt32LE(24)).toBe(11_025);
      expect(wav.readUInt16LE(34)).toBe(8);
      expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
      // not silence: the samples move around the 8-bit midpoint
      const samples = wav.subarray(44);
      expect(samples.some((b) => Math.abs(b - 128) > 20)).toBe(true);
      // stored in the database file store, where every process reads it
      const files = await t.deps.db
        .selectFrom('files')
        .select(['mime', 'size'])
        .where('mime', '=', 'audio/wav')
        .execute();
      expect(files.map((f) => Number(f.size))).toContain(wav.length);
    },
  );

  it('says clearly when espeak-ng is missing, and the lesson stays usable without a recording', async () => {
    const id = (
      await leader.call('POST', '/api/antifraud/lessons', { ...lesson, title: '没有录音的课' })
    ).json().id;
    const saved = speech.command;
    speech.command = 'espeak-ng-not-installed';
    try {
      expect((await leader.call('GET', '/api/antifraud/lessons/recorder')).json()).toMatchObject({
        available: false,
      });
      const refused = await leader.call('POST', `/api/antifraud/lessons/${id}/recording`);
      expect(refused.statusCode).toBe(503);
      expect(refused.json().message).toContain('espeak-ng');
    } finally {
      speech.command = saved;
    }
    const listed = (await resident.call('GET', '/api/antifraud/lessons')).json().items;
    expect(listed.find((l: { id: number }) => l.id === id)).toMatchObject({
      audio: null,
      script: lesson.script,
    });
  });
});
