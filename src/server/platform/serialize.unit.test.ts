import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HouseholdFile } from '../../contract/households.ts';
import { serializerCompiler } from './serialize.ts';

const compile = (schema: z.ZodType) =>
  serializerCompiler({ schema, method: 'GET', url: '/test', httpStatus: '200' }) as (data: unknown) => string;

const file = {
  id: 7,
  estateId: 1,
  buildingId: 2,
  buildingNumber: '3号',
  room: '101',
  floor: null,
  headName: '张"明\\ \u2028 😀',
  phone: '138****5678',
  stage: 'visited',
  tenure: null,
  flags: {
    elderlyAlone: true,
    veryOld: false,
    disability: false,
    hardship: false,
    partyMember: false,
    needsMovingHelp: false,
    needsStorage: true,
  },
  nextFollowUp: '2026-12-08',
  openConcerns: 1,
  estateName: '幸福小区',
  idNumber: '3101**********123X',
  registeredCount: 3,
  residentCount: null,
  areaBuilding: 52.5,
  areaUsable: null,
  notes: null,
  members: [{ name: '张三', relation: '子', ageBand: null }],
  visits: [
    {
      id: 1,
      visitedAt: '2026-12-01T02:00:00.000Z',
      visitorId: 3,
      visitorName: '李四',
      method: 'door',
      summary: '入户',
      decisionMaker: null,
      trustedPerson: null,
      emotionalNotes: '情绪稳定',
      nextFollowUp: null,
    },
  ],
  concerns: [],
  timeline: [
    {
      id: 9,
      occurredAt: '2026-12-01T02:00:00.000Z',
      module: 'households',
      kind: 'visit',
      params: null,
      title: '入户走访',
      detail: { nested: [1, 'two', null], ok: true },
    },
  ],
  assignees: [{ userId: 3, name: '李四', orgUnit: null }],
  actions: { edit: true, visit: true, concern: true, revealId: false, assign: false },
  updatedAt: '2026-12-01T02:00:00.000Z',
};

describe('response serialisation (fast-json-stringify from the route schema)', () => {
  it('writes a household file exactly as Zod would: the same JSON text, equal to the data', () => {
    const json = compile(HouseholdFile)(file);
    expect(json).toBe(JSON.stringify(HouseholdFile.parse(file)));
    expect(JSON.parse(json)).toEqual(file);
  });

  it('drops undeclared properties, at every depth, like Zod', () => {
    const leaky = {
      ...file,
      id_number_enc: 'secret',
      visits: [{ ...file.visits[0], phone_enc: 'secret' }],
      flags: { ...file.flags, extra: 1 },
    };
    const json = compile(HouseholdFile)(leaky);
    expect(json).not.toContain('secret');
    expect(JSON.parse(json)).toEqual(file);
  });

  it('keeps unions, optional keys, records and exclusive bounds as Zod writes them', () => {
    const schema = z.object({
      kind: z.union([z.object({ a: z.number().positive() }), z.object({ b: z.string() })]),
      maybe: z.string().optional(),
      counts: z.record(z.string(), z.number()),
      list: z.array(z.number().int().min(1)).nullable(),
    });
    const stringify = compile(schema);
    for (const data of [
      { kind: { a: 1.5 }, counts: { x: 1 }, list: [1, 2] },
      { kind: { b: 'y' }, maybe: 'm', counts: {}, list: null },
    ])
      expect(JSON.parse(stringify(data))).toEqual(schema.parse(data));
  });

  it('under test, refuses an answer where the fast output would differ from Zod', () => {
    // Zod refuses a string where a number is declared; fast-json-stringify alone would coerce it.
    expect(() => compile(z.object({ n: z.number() }))({ n: '12' })).toThrow();
  });
});
