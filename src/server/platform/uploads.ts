import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import type { App } from './http.ts';

export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}

export interface UploadLimits {
  /** Largest accepted file in bytes. */
  maxBytes: number;
  /** Accepted file name extensions, lower case without dot, e.g. ['xlsx', 'csv']. */
  extensions: readonly string[];
}

/**
 * Reads a multipart form with one file and some text fields, enforcing size and type with messages
 * that tell the person what to upload instead.
 */
export async function readUpload(
  request: FastifyRequest,
  limits: UploadLimits,
): Promise<{ file: UploadedFile; fields: Record<string, string> }> {
  if (!request.isMultipart()) {
    throw new AppError('validation_failed', [
      {
        path: 'file',
        message: {
          zh: '请以表单方式上传文件（multipart/form-data）',
          en: 'Upload the file as multipart/form-data',
        },
      },
    ]);
  }
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  for await (const part of request.parts({ limits: { fileSize: limits.maxBytes } })) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      if (part.file.truncated) throw tooLarge(limits.maxBytes);
      if (!file) file = { filename: part.filename, mimetype: part.mimetype, data };
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  if (!file || file.data.length === 0) {
    throw new AppError('validation_failed', [
      { path: 'file', message: { zh: '请选择要上传的文件', en: 'Choose a file to upload' } },
    ]);
  }
  const ext = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase() ?? '';
  if (!limits.extensions.includes(ext)) {
    const list = limits.extensions.map((e) => `.${e}`).join(' / ');
    throw new AppError(
      'unsupported_file',
      { allowed: limits.extensions },
      { zh: `不支持该文件类型，请上传 ${list} 文件`, en: `Unsupported file type; upload ${list}` },
    );
  }
  return { file, fields };
}

function tooLarge(maxBytes: number) {
  const mb = Math.round(maxBytes / 1024 / 1024);
  return new AppError(
    'payload_too_large',
    { maxBytes },
    { zh: `文件超过 ${mb} MB 上限`, en: `The file exceeds the ${mb} MB limit` },
  );
}

const IMAGE_SIGNATURES: Array<{ mime: string; ext: string; test: (b: Buffer) => boolean }> = [
  { mime: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/png',
    ext: 'png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    mime: 'image/webp',
    ext: 'webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/** The image type by its content (never by its name), or null for anything that is not a photo. */
export function sniffPhoto(data: Buffer): { mime: string; ext: string } | null {
  const kind = IMAGE_SIGNATURES.find((s) => s.test(data));
  return kind ? { mime: kind.mime, ext: kind.ext } : null;
}

/** The photo types sniffPhoto recognises, for error details and content-type parsers. */
export const PHOTO_MIMES = IMAGE_SIGNATURES.map((s) => s.mime);

/**
 * Routes that take a photo as the request body itself (no form around it) receive it as a Buffer.
 * Each such route sets its own bodyLimit; every other route's schema refuses a Buffer body.
 */
export function registerPhotoBodies(app: App): void {
  app.addContentTypeParser(PHOTO_MIMES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}
