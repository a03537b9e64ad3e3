import zlib from 'node:zlib';

/**
 * The first page's budget (issue 15): `/login` with everything it loads before its first render
 * must stay within 300 KB on the wire for a resident's phone on a weak mobile network. vite.config.ts
 * checks every build against it, so a change that drags a page's code, a second language or a
 * whole library into the sign-in page fails the build instead of slowing every phone down.
 */
export const FIRST_PAGE_BUDGET = 300 * 1024;

/**
 * Response headers of one file as the server sends them (security headers, cache, ETag…): 1,047
 * bytes measured on a hashed asset. Each file of the first page costs that on the wire too.
 */
export const HEADER_BYTES = 1100;

/** A built JavaScript chunk, as far as the check needs it (from Rollup's/Rolldown's bundle). */
export interface BuiltChunk {
  fileName: string;
  /** Chunks it imports statically: they load before it runs. */
  imports: readonly string[];
  /** Stylesheets the chunk needs (loaded with it). */
  css: readonly string[];
  /** The module the chunk stands for (an entry or a dynamically imported module), if any. */
  facadeModuleId: string | null;
  isEntry: boolean;
}

export interface FirstPageFile {
  fileName: string;
  /** Bytes sent: the brotli variant the server sends for anything over 1 KB (vite.config.ts). */
  wireBytes: number;
}

export interface FirstPageReport {
  files: FirstPageFile[];
  /** Wire bytes of the files plus HEADER_BYTES for each. */
  total: number;
}

/**
 * The chunks a first visit to `/login` loads: the entry's static graph and, because main.tsx asks
 * for them before anything renders, the app (app/boot.tsx, which holds the router and the sign-in
 * page) and one dictionary, each with its static graph and stylesheets. Pages behind the router's
 * `lazy` are not part of it.
 */
export function firstPageChunks(chunks: readonly BuiltChunk[], dictionary: 'zh' | 'en'): BuiltChunk[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const always = [/\/src\/web\/app\/boot\.tsx$/, new RegExp(`/src/web/i18n/${dictionary}\\.ts$`)];
  const roots = chunks.filter(
    (c) => c.isEntry || always.some((re) => c.facadeModuleId && re.test(c.facadeModuleId)),
  );
  const seen = new Map<string, BuiltChunk>();
  const visit = (chunk: BuiltChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const name of chunk.imports) {
      const next = byName.get(name);
      if (next) visit(next);
    }
  };
  roots.forEach(visit);
  return [...seen.values()];
}

/** Bytes on the wire for a file's content: brotli at the build's quality above 1 KB, else as is. */
export function wireBytes(content: string | Uint8Array): number {
  const body = typeof content === 'string' ? Buffer.from(content) : content;
  if (body.length <= 1024) return body.length;
  return zlib.brotliCompressSync(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  }).length;
}

/**
 * The first page's files and their total on the wire: index.html, the files it names itself
 * (favicon…), the first-page chunks and their stylesheets. `content` gives a built file's bytes.
 */
export function firstPageReport(
  chunks: readonly BuiltChunk[],
  dictionary: 'zh' | 'en',
  htmlFiles: readonly string[],
  content: (fileName: string) => string | Uint8Array | undefined,
): FirstPageReport {
  const names = new Set(htmlFiles);
  for (const chunk of firstPageChunks(chunks, dictionary)) {
    names.add(chunk.fileName);
    chunk.css.forEach((f) => names.add(f));
  }
  const files: FirstPageFile[] = [];
  for (const fileName of names) {
    const body = content(fileName);
    if (body !== undefined) files.push({ fileName, wireBytes: wireBytes(body) });
  }
  files.sort((a, b) => b.wireBytes - a.wireBytes);
  const total = files.reduce((sum, f) => sum + f.wireBytes + HEADER_BYTES, 0);
  return { files, total };
}

/** Files index.html loads by itself: scripts, preloads, stylesheets and icons under the site root. */
export function filesNamedByHtml(html: string): string[] {
  const out = ['index.html'];
  for (const m of html.matchAll(/\s(?:src|href)="\/([^"?#]+)"/g)) out.push(m[1]!);
  return [...new Set(out)];
}
