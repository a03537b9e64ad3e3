import { spawn } from 'node:child_process';

/**
 * Server-side speech synthesis with espeak-ng (Debian package `espeak-ng`, Mandarin voice `cmn`), run
 * as a child process: recordings for lessons that residents play on phones without a Chinese voice.
 * espeak-ng writes 22 050 Hz 16-bit mono WAV; we keep 11 025 Hz 8-bit mono (about 11 KB a second),
 * plenty for a synthetic voice and small enough for old phones on mobile data.
 */
export const speech = {
  /** The program; tests point it elsewhere to see how its absence is handled. */
  command: 'espeak-ng',
  voice: 'cmn',
  /** Words per minute: a little slower than espeak's 175 for older listeners. */
  speed: 140,
};

const OUT_RATE = 11_025;

let checked: { command: string; ok: Promise<boolean> } | null = null;

/** Whether espeak-ng can be run (asked once per process and command). */
export function speechAvailable(): Promise<boolean> {
  if (checked?.command !== speech.command) {
    const ok = new Promise<boolean>((resolve) => {
      const child = spawn(speech.command, ['--version'], { stdio: 'ignore' });
      child.on('error', () => resolve(false));
      child.on('close', (code) => resolve(code === 0));
    });
    checked = { command: speech.command, ok };
  }
  return checked.ok;
}

export class SpeechUnavailable extends Error {}

/** Reads `text` aloud in Mandarin; resolves to a small WAV file and its length in seconds. */
export async function synthesize(text: string): Promise<{ wav: Buffer; seconds: number }> {
  if (!(await speechAvailable())) throw new SpeechUnavailable(`${speech.command} is not installed`);
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn(
      speech.command,
      ['-v', speech.voice, '-s', String(speech.speed), '--stdin', '--stdout'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(out))
        : reject(new Error(`${speech.command} exited with ${code}: ${Buffer.concat(err).toString().trim()}`)),
    );
    child.stdin.end(text);
  });
  return shrinkWav(raw);
}

/** The PCM of a 16-bit mono WAV (espeak's stdout WAV carries no real lengths: read to the end). */
function pcm16(wav: Buffer): { rate: number; samples: Int16Array } {
  if (wav.toString('latin1', 0, 4) !== 'RIFF' || wav.toString('latin1', 8, 12) !== 'WAVE')
    throw new Error('espeak-ng did not write a WAV file');
  let at = 12;
  let rate = 22_050;
  while (at + 8 <= wav.length) {
    const id = wav.toString('latin1', at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      if (wav.readUInt16LE(at + 8 + 2) !== 1 || wav.readUInt16LE(at + 8 + 14) !== 16)
        throw new Error('expected 16-bit mono PCM from espeak-ng');
      rate = wav.readUInt32LE(at + 8 + 4);
    } else if (id === 'data') {
      const start = at + 8;
      const bytes = Math.min(size, wav.length - start) & ~1;
      const copy = Buffer.from(wav.subarray(start, start + bytes));
      return { rate, samples: new Int16Array(copy.buffer, copy.byteOffset, bytes / 2) };
    }
    at += 8 + size + (size & 1);
  }
  throw new Error('no audio data from espeak-ng');
}

/** Resamples to 11 025 Hz (averaging, so no aliasing hiss) and keeps 8 bits a sample. */
export function shrinkWav(wav: Buffer): { wav: Buffer; seconds: number } {
  const { rate, samples } = pcm16(wav);
  const step = rate / OUT_RATE;
  const count = Math.floor(samples.length / step);
  const out = Buffer.alloc(44 + count);
  for (let i = 0; i < count; i++) {
    const from = Math.floor(i * step);
    const to = Math.max(from + 1, Math.floor((i + 1) * step));
    let sum = 0;
    for (let j = from; j < to; j++) sum += samples[j]!;
    const value = Math.round(sum / (to - from) / 256) + 128;
    out[44 + i] = Math.max(0, Math.min(255, value));
  }
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + count, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16); // fmt chunk size
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(OUT_RATE, 24);
  out.writeUInt32LE(OUT_RATE, 28); // bytes a second
  out.writeUInt16LE(1, 32); // block align
  out.writeUInt16LE(8, 34); // bits a sample
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(count, 40);
  return { wav: out, seconds: count / OUT_RATE };
}
