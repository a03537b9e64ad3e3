import zlib from 'node:zlib';

/**
 * The text of a PDF written by pdfkit with embedded (Identity-H) fonts, one string per text object:
 * enough for tests to read what a printed document says. Glyph ids are mapped back to characters
 * through each font's ToUnicode CMap.
 */
export function pdfText(pdf: Buffer): string[] {
  const src = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: string | null }>();
  const objectRe = /(\d+) 0 obj\s*(<<[\s\S]*?>>)\s*(stream\r?\n)?/g;
  for (let m = objectRe.exec(src); m; m = objectRe.exec(src)) {
    const dict = m[2]!;
    let stream: string | null = null;
    if (m[3]) {
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      const raw = Buffer.from(src.slice(m.index + m[0].length, m.index + m[0].length + length), 'latin1');
      stream = /FlateDecode/.test(dict) ? zlib.inflateSync(raw).toString('latin1') : raw.toString('latin1');
      objectRe.lastIndex = m.index + m[0].length + length;
    }
    objects.set(m[1]!, { dict, stream });
  }
  const cmapOf = (fontRef: string): Map<number, string> => {
    const map = new Map<number, string>();
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontRef)?.dict ?? '')?.[1];
    const cmap = toUnicode ? (objects.get(toUnicode)?.stream ?? '') : '';
    for (const r of cmap.matchAll(/<([0-9a-f]{4})>\s*<([0-9a-f]{4})>\s*\[([^\]]*)\]/gi)) {
      const values = [...r[3]!.matchAll(/<([0-9a-f]+)>/gi)].map((v) => v[1]!);
      values.forEach((hex, i) => map.set(parseInt(r[1]!, 16) + i, utf16(hex)));
    }
    const ranges = cmap.replace(/<[0-9a-f]{4}>\s*<[0-9a-f]{4}>\s*\[[^\]]*\]/gi, '');
    for (const r of ranges.matchAll(/<([0-9a-f]{4})>\s*<([0-9a-f]{4})>\s*<([0-9a-f]{4,})>/gi))
      for (let c = parseInt(r[1]!, 16); c <= parseInt(r[2]!, 16); c++)
        map.set(c, String.fromCharCode(parseInt(r[3]!, 16) + c - parseInt(r[1]!, 16)));
    return map;
  };
  const lines: string[] = [];
  for (const { dict } of objects.values()) {
    if (!/\/Type \/Page\b/.test(dict)) continue;
    const resources = /\/Resources (\d+) 0 R/.exec(dict)?.[1];
    const fonts = new Map<string, Map<number, string>>();
    for (const f of (objects.get(resources ?? '')?.dict ?? '').matchAll(/\/(F\d+) (\d+) 0 R/g))
      fonts.set(f[1]!, cmapOf(f[2]!));
    const content = objects.get(/\/Contents (\d+) 0 R/.exec(dict)?.[1] ?? '')?.stream ?? '';
    for (const block of content.split(/\bBT\b/).slice(1)) {
      let font = new Map<number, string>();
      let text = '';
      for (const op of block.matchAll(/\/(F\d+) [\d.]+ Tf|<([0-9a-f]+)>/gi)) {
        if (op[1]) font = fonts.get(op[1]) ?? new Map();
        else
          for (let i = 0; i + 4 <= op[2]!.length; i += 4)
            text += font.get(parseInt(op[2]!.slice(i, i + 4), 16)) ?? '\uFFFD';
      }
      lines.push(text);
    }
  }
  return lines;
}

function utf16(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}
