import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { verifyFastPaths } from '../db/statements.ts';

type Stringify = (data: unknown) => string;

// Fastify's own fast-json-stringify (its dependency, the one its default serializer compiler uses).
const fastJsonStringify = createRequire(import.meta.resolve('fastify'))('fast-json-stringify') as (
  schema: object,
) => Stringify;

/**
 * OpenAPI 3.0's boolean exclusiveMinimum/-Maximum (as Zod writes them for that target) in the
 * draft-07 form the compiler's schema check expects. OpenAPI 3.0 is the target because it says
 * "or null" as `nullable`, which fast-json-stringify writes directly (an anyOf is tried branch by branch).
 */
function toDraft7(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(toDraft7);
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof o[flag] === 'boolean') {
      if (o[flag]) o[flag] = o[bound];
      else delete o[flag];
      if (o[flag] !== undefined) delete o[bound];
    }
  }
  for (const value of Object.values(o)) toDraft7(value);
}

/** The JSON Schema of what a Zod schema answers, or null where JSON Schema cannot say it (transforms). */
function outputJsonSchema(schema: z.ZodType): object | null {
  try {
    const json = z.toJSONSchema(schema, { io: 'output', target: 'openapi-3.0', unrepresentable: 'throw' });
    delete (json as { $schema?: unknown }).$schema;
    toDraft7(json);
    return json;
  } catch {
    return null;
  }
}

/**
 * Response serialisation. The routes declare their answers as Zod schemas (the OpenAPI document is
 * made from them); validating every answer with Zod and then stringifying it was a large share of a
 * request's CPU time. Each route's schema is turned once, on the route's first answer, into JSON
 * Schema and compiled by fast-json-stringify, which writes exactly the declared properties (like
 * Zod, which drops undeclared keys) without checking the values again. Schemas that JSON Schema
 * cannot express (transforms) keep Zod's serializer.
 *
 * Tests (and GZ_VERIFY_FAST_PATHS=1) run both on every answer: Zod's output is the reference, and a
 * difference fails the request, so the whole suite checks that the fast output equals the data (as
 * JSON: fast-json-stringify may write optional properties after the required ones).
 */
export const serializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const viaZod = zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]) as Stringify;
  const schema: unknown = route.schema;
  if (!(schema instanceof z.ZodType)) return viaZod;
  let fast: Stringify | null | undefined;
  const stringify = (data: unknown): string => {
    if (fast === undefined) {
      const json = outputJsonSchema(schema);
      try {
        fast = json ? fastJsonStringify(json) : null;
      } catch {
        fast = null;
      }
    }
    if (!fast) return viaZod(data);
    if (!verifyFastPaths) return fast(data);
    const expected = viaZod(data);
    const given = fast(data);
    if (given !== expected && !isDeepStrictEqual(JSON.parse(given), JSON.parse(expected)))
      throw new Error(
        `${route.method} ${route.url}: fast serializer differs from Zod's\n${given}\n${expected}`,
      );
    return given;
  };
  return stringify;
};
