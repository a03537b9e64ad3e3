import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

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
