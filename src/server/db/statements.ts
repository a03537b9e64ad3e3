import type { CompiledQuery, Compilable, QueryResult } from 'kysely';
import { isDeepStrictEqual } from 'node:util';

/** A value the statement receives when it runs, compiled into its text as one `$n` parameter. */
class Slot {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

interface Runner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/**
 * Tests (and GZ_VERIFY_FAST_PATHS=1) check every shortcut of the request path against the slow way
 * it replaces: a reused statement against one built afresh, a fast serializer against Zod's.
 */
export const verifyFastPaths =
  process.env.GZ_VERIFY_FAST_PATHS === '1' ||
  (process.env.VITEST !== undefined && process.env.GZ_VERIFY_FAST_PATHS !== '0');

const MAX_SHAPES = 1000;

/**
 * Hot statements built once per shape and then only given new values. Kysely builds and compiles
 * its operation tree on every call, which under load was the largest single share of a household
 * file's CPU time in the server process. Here `build` runs once per `shape` with placeholders for
 * `values`, and later calls with the same shape substitute the values into the compiled parameters.
 *
 * `shape` must name everything that changes the statement's text — which permissions a condition
 * depends on (`permissionShape`), which filters are present — and `build` must branch only on what
 * `shape` names: it receives placeholders, not the values (nulls excepted: which values are null is
 * part of the shape by itself). A placeholder is one parameter, so a value never goes into an `in`
 * list (use `= any(...)`). Tests verify every call: the statement built afresh from the real values
 * must equal the reused one, text and parameters.
 */
export class StatementCache {
  readonly #compiled = new Map<string, CompiledQuery<unknown>>();

  /** The compiled statement for these values: reused for a known shape, else built (and kept). */
  compile<V extends object, R>(
    shape: string,
    values: V,
    build: (values: V) => Compilable<R>,
  ): CompiledQuery<R> {
    // A null is no placeholder: `build` may branch on it, so which values are null is part of the shape.
    let key = shape;
    for (const value of Object.values(values)) key += value === null ? '|0' : '|1';
    let template = this.#compiled.get(key) as CompiledQuery<R> | undefined;
    if (!template) {
      const slots = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, v === null ? null : new Slot(k)]),
      ) as unknown as V;
      template = build(slots).compile();
      if (this.#compiled.size >= MAX_SHAPES) this.#compiled.clear();
      this.#compiled.set(key, template);
    }
    const parameters = template.parameters.map((p) => (p instanceof Slot ? values[p.name as keyof V] : p));
    const query: CompiledQuery<R> = { ...template, parameters };
    if (verifyFastPaths) {
      const fresh = build(values).compile();
      if (fresh.sql !== query.sql || !isDeepStrictEqual(fresh.parameters, query.parameters))
        throw new Error(
          `Statement shape "${shape}" does not name everything its text depends on:\n${fresh.sql}\n${query.sql}`,
        );
    }
    return query;
  }

  async execute<V extends object, R>(
    db: Runner,
    shape: string,
    values: V,
    build: (values: V) => Compilable<R>,
  ): Promise<R[]> {
    return (await db.executeQuery(this.compile(shape, values, build))).rows;
  }
}

const permissionShapes = new WeakMap<ReadonlySet<string>, string>();

/** An actor's permissions as part of a statement's shape (access conditions depend on them). */
export function permissionShape(permissions: ReadonlySet<string>): string {
  let shape = permissionShapes.get(permissions);
  if (shape === undefined) {
    shape = [...permissions].sort().join(',');
    permissionShapes.set(permissions, shape);
  }
  return shape;
}
