import path from 'node:path';
import ts from 'typescript';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, testDbKind } from '../support/app.ts';
import type { Deps } from '../../src/server/platform/deps.ts';

/**
 * The Kysely table types are written by hand beside each module. This test reads them with the
 * TypeScript checker and compares them with the migrated schema (`information_schema`), so a column
 * added, dropped, renamed or made nullable in SQL without its type (or the other way round) fails here
 * instead of at run time in one code path.
 */

interface TypedColumn {
  nullable: boolean;
  kind: 'number' | 'string' | 'boolean' | 'unknown' | 'other';
}
type TypedTables = Map<string, Map<string, TypedColumn>>;

/** Columns that exist in SQL on purpose without a type: nothing reads or writes them any more. */
const RETIRED_COLUMNS = new Set<string>([
  // Plain phone numbers before volunteers' phones were encrypted (0111); always null since.
  'relocation_volunteers.phone',
]);

function selectType(checker: ts.TypeChecker, type: ts.Type): ts.Type {
  // ColumnType<S, I, U> and Generated<S> are `{ __select__: S; … }`: a column reads as S.
  const select = type.getProperty('__select__');
  return select ? checker.getTypeOfSymbol(select) : type;
}

function describeColumn(checker: ts.TypeChecker, declared: ts.Type): TypedColumn {
  // `Timestamp | null` is a union of a ColumnType and null: read each member as it selects.
  const flatten = (t: ts.Type): ts.Type[] => (t.isUnion() ? t.types : [t]);
  const parts = flatten(declared).flatMap((t) => flatten(selectType(checker, t)));
  const nullable = parts.some((t) => t.flags & ts.TypeFlags.Null);
  const rest = parts.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
  const kindOf = (t: ts.Type): TypedColumn['kind'] => {
    if (t.flags & ts.TypeFlags.NumberLike) return 'number';
    if (t.flags & ts.TypeFlags.StringLike) return 'string';
    if (t.flags & ts.TypeFlags.BooleanLike) return 'boolean';
    if (t.flags & ts.TypeFlags.Unknown) return 'unknown';
    return 'other';
  };
  const kinds = new Set(rest.map(kindOf));
  return { nullable, kind: kinds.size === 1 ? [...kinds][0]! : 'other' };
}

function readTableTypes(): TypedTables {
  const schemaFile = path.resolve('src/server/db/schema.ts');
  const program = ts.createProgram([schemaFile], {
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(schemaFile)!;
  const moduleSymbol = checker.getSymbolAtLocation(source)!;
  const db = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'DB')!;
  const dbType = checker.getDeclaredTypeOfSymbol(db);
  const tables: TypedTables = new Map();
  for (const table of checker.getPropertiesOfType(dbType)) {
    const rowType = checker.getTypeOfSymbol(table);
    const columns = new Map<string, TypedColumn>();
    for (const column of checker.getPropertiesOfType(rowType)) {
      columns.set(column.name, describeColumn(checker, checker.getTypeOfSymbol(column)));
    }
    tables.set(table.name, columns);
  }
  return tables;
}

/** What a value of this SQL type reads as through our drivers (bigint and numeric as number). */
function expectedKind(dataType: string): TypedColumn['kind'] | 'any' {
  if (['smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision'].includes(dataType))
    return 'number';
  if (dataType === 'boolean') return 'boolean';
  if (dataType === 'jsonb' || dataType === 'json') return 'any';
  if (['ARRAY', 'USER-DEFINED', 'bytea'].includes(dataType)) return 'any';
  return 'string';
}

interface SqlColumn {
  table_name: string;
  column_name: string;
  is_nullable: 'YES' | 'NO';
  data_type: string;
}

// Reading the types costs ~10 s of compiler time; one database is enough to compare them with, so
// when both run the PostgreSQL pass does it.
const comparedElsewhere = testDbKind() === 'pglite' && Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(comparedElsewhere)('table types match the migrated schema', () => {
  let deps: Deps;
  let close: () => Promise<void>;
  let sqlColumns: SqlColumn[];
  let typed: TypedTables;

  beforeAll(async () => {
    ({ deps, close } = await createTestDeps());
    const result = await sql<SqlColumn>`
      select c.table_name, c.column_name, c.is_nullable, c.data_type
      from information_schema.columns c
      join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(deps.db);
    sqlColumns = result.rows;
    typed = readTableTypes();
  }, 120_000);
  afterAll(() => close());

  it('has a type for every table and every table type has a table', () => {
    const sqlTables = new Set(sqlColumns.map((c) => c.table_name));
    expect([...sqlTables].filter((t) => !typed.has(t)).sort()).toEqual([]);
    expect([...typed.keys()].filter((t) => !sqlTables.has(t)).sort()).toEqual([]);
  });

  it('has the same columns on both sides', () => {
    const missingInTypes: string[] = [];
    for (const c of sqlColumns) {
      const key = `${c.table_name}.${c.column_name}`;
      if (!typed.get(c.table_name)?.has(c.column_name) && !RETIRED_COLUMNS.has(key)) missingInTypes.push(key);
    }
    const sqlKeys = new Set(sqlColumns.map((c) => `${c.table_name}.${c.column_name}`));
    const missingInSql = [...typed].flatMap(([table, columns]) =>
      [...columns.keys()].map((c) => `${table}.${c}`).filter((k) => !sqlKeys.has(k)),
    );
    expect(missingInTypes).toEqual([]);
    expect(missingInSql).toEqual([]);
  });

  it('agrees on which columns may be null and on what a value reads as', () => {
    const mismatches: string[] = [];
    for (const c of sqlColumns) {
      const column = typed.get(c.table_name)?.get(c.column_name);
      if (!column) continue;
      const key = `${c.table_name}.${c.column_name}`;
      const sqlNullable = c.is_nullable === 'YES';
      if (column.nullable !== sqlNullable)
        mismatches.push(
          `${key}: SQL ${sqlNullable ? 'null' : 'not null'}, type ${column.nullable ? 'nullable' : 'not nullable'}`,
        );
      const kind = expectedKind(c.data_type);
      if (kind !== 'any' && column.kind !== kind)
        mismatches.push(`${key}: SQL ${c.data_type} reads as ${kind}, type says ${column.kind}`);
    }
    expect(mismatches).toEqual([]);
  });
});
