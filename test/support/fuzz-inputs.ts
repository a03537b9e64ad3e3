import type { RegisteredRoute } from '../../src/server/app.ts';
import type { RoutePermission } from '../../src/server/platform/http.ts';

/** A JSON Schema node as the OpenAPI document carries it (what Zod's JSON Schema output holds). */
export type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  prefixItems?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
};

export interface Param {
  name: string;
  required: boolean;
  schema: Schema;
}

export interface Operation {
  method: string;
  /** OpenAPI form: /api/households/{id} */
  path: string;
  permission: RoutePermission | undefined;
  pathParams: Param[];
  queryParams: Param[];
  body: Schema | undefined;
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ in: string; name: string; required?: boolean; schema: Schema }>;
        requestBody?: { content?: Record<string, { schema: Schema }> };
      }
    >
  >;
}

/** Every operation of the document, with the permission its route declares. */
export function operationsOf(doc: OpenApiDoc, routes: RegisteredRoute[]): Operation[] {
  const permissions = new Map(
    routes.map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.permission]),
  );
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [verb, op] of Object.entries(ops)) {
      const method = verb.toUpperCase();
      const params = (where: string) =>
        (op.parameters ?? [])
          .filter((p) => p.in === where)
          .map((p) => ({ name: p.name, required: Boolean(p.required), schema: p.schema }));
      out.push({
        method,
        path,
        permission: permissions.get(`${method} ${path}`),
        pathParams: params('path'),
        queryParams: params('query'),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return out;
}

/** A value the schema accepts (as far as a sketch can tell): the well-formed base each fault spoils. */
export function sample(schema: Schema, depth = 0): unknown {
  if (depth > 6) return null;
  if ('const' in schema) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return sample(variants.find((v) => v.type !== 'null') ?? variants[0]!, depth + 1);
  if (schema.allOf?.length) return sample(Object.assign({}, ...schema.allOf) as Schema, depth + 1);
  const type =
    [schema.type ?? (schema.properties ? 'object' : 'string')].flat().find((x) => x !== 'null') ?? 'string';
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) out[key] = sample(prop, depth + 1);
      return out;
    }
    case 'array': {
      if (schema.prefixItems) return schema.prefixItems.map((s) => sample(s, depth + 1));
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        sample(schema.items ?? {}, depth + 1),
      );
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    default:
      return sampleString(schema);
  }
}

function sampleString(schema: Schema): string {
  if (schema.format === 'date-time') return '2026-06-01T02:00:00.000Z';
  if (schema.format === 'date') return '2026-06-01';
  if (schema.format === 'email') return 'a@example.com';
  if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com/';
  if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$' || /\\d\{4\}-/.test(schema.pattern ?? ''))
    return '2026-06-01';
  const min = schema.minLength ?? 1;
  return '测试'.padEnd(Math.max(min, 2), '样');
}

const long = (n: number) => '长'.repeat(n);

/** Values that must never get past the edge as anything but a 4xx, placed in every field. */
export const badValues: Array<[string, unknown]> = [
  ['null', null],
  ['true', true],
  ['0', 0],
  ['-1', -1],
  ['1.5', 1.5],
  ['1e308', 1e308],
  ['-1e308', -1e308],
  ['1e20', 1e20],
  ['2^31', 2147483648],
  ['2^63', 2 ** 63],
  ['2^53+2', 2 ** 53 + 2],
  ['empty string', ''],
  ['space', ' '],
  ['NUL', '\u0000'],
  ['NUL inside', 'a\u0000b'],
  ['lone high surrogate', '\ud800'],
  ['lone low surrogate', 'x\udfff'],
  ['long string', long(5_000)],
  ['digits', '12345678901234567890'],
  ['bad date', '2026-13-45'],
  ['bad timestamp', '2026-02-30T25:61:00Z'],
  ['far year', '275760-09-13T00:00:00.000Z'],
  ['script', '<script>alert(1)</script>'],
  ['sql', "'; drop table users; --"],
  ['empty array', []],
  ['array', [1, 'a', null]],
  ['empty object', {}],
  ['object', { a: { b: 1 } }],
  ['big array', Array.from({ length: 2000 }, (_, i) => i)],
  ['proto', JSON.parse('{"__proto__": {"polluted": 1}}')],
];

/** Path and query values: not numbers, beyond every integer column, bytes that are not text. */
export const pathMutations: string[] = [
  '0',
  '-1',
  '99999999999999999999',
  '9223372036854775807',
  '9223372036854775808',
  '2147483648',
  '9007199254740993',
  'abc',
  '1.5',
  '1e3',
  '1e400',
  '0x10',
  '-0',
  'NaN',
  'Infinity',
  '%00',
  '1%00',
  '%ED%A0%80',
  '%FF',
  '%C0%AF',
  '%20',
  '%2F',
  '١',
  '1'.repeat(400),
  "1'or'1'='1",
  '%E6%B5%8B',
];

const json = { 'content-type': 'application/json' };
const boundary = '----gzfuzz';
/** Whole bodies: broken JSON, the wrong shape, odd or lying content types, multipart garbage. */
export const rawBodies: Array<{ label: string; headers: Record<string, string>; payload: string | Buffer }> =
  [
    { label: 'empty json', headers: json, payload: '' },
    { label: 'truncated', headers: json, payload: '{"a":' },
    { label: 'just a brace', headers: json, payload: '{' },
    { label: 'null', headers: json, payload: 'null' },
    { label: 'array', headers: json, payload: '[]' },
    { label: 'array of objects', headers: json, payload: '[{"id":1}]' },
    { label: 'string', headers: json, payload: '"text"' },
    { label: 'number', headers: json, payload: '123' },
    { label: 'huge number', headers: json, payload: '1e999' },
    { label: 'boolean', headers: json, payload: 'true' },
    { label: 'proto', headers: json, payload: '{"__proto__":{"x":1},"constructor":{"prototype":{"y":1}}}' },
    { label: 'deep nesting', headers: json, payload: '['.repeat(5000) + ']'.repeat(5000) },
    { label: 'escaped NUL key', headers: json, payload: '{"\\u0000":1}' },
    { label: 'escaped surrogate', headers: json, payload: '{"a":"\\udc00"}' },
    {
      label: 'invalid utf-8',
      headers: json,
      payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    },
    { label: 'bom', headers: json, payload: '\ufeff{}' },
    { label: 'trailing garbage', headers: json, payload: '{}}' },
    { label: 'duplicate keys', headers: json, payload: '{"a":1,"a":"x"}' },
    { label: 'text/plain', headers: { 'content-type': 'text/plain' }, payload: 'hello' },
    { label: 'form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1&b=%00' },
    { label: 'xml', headers: { 'content-type': 'application/xml' }, payload: '<a>1</a>' },
    { label: 'json latin1', headers: { 'content-type': 'application/json; charset=latin1' }, payload: '{}' },
    {
      label: 'json bogus charset',
      headers: { 'content-type': 'application/json; charset=bogus' },
      payload: '{}',
    },
    { label: 'content-type garbage', headers: { 'content-type': ';;;/' }, payload: '{}' },
    { label: 'no content-type', headers: {}, payload: '{}' },
    { label: 'multipart without boundary', headers: { 'content-type': 'multipart/form-data' }, payload: 'x' },
    {
      label: 'multipart garbage',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.pdf"\r\n\r\nxx\r\n`,
    },
    {
      label: 'multipart empty file',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n\r\n--${boundary}--\r\n`,
    },
    {
      label: 'multipart field only',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n{"x":\r\n--${boundary}--\r\n`,
    },
  ];
