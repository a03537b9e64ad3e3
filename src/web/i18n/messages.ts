import type { Part, PartMessages } from './parts.ts';
import type { CoreMessages } from './zh.ts';

/** Two nested string tables as one: the keys of both, tables present in both merged key by key. */
type Merge<A, B> = {
  [K in keyof A | keyof B]: K extends keyof A
    ? K extends keyof B
      ? A[K] extends string
        ? A[K]
        : B[K] extends string
          ? B[K]
          : Merge<A[K], B[K]>
      : A[K]
    : K extends keyof B
      ? B[K]
      : never;
};

type MergeAll<T, Parts extends readonly Part[]> = Parts extends readonly [
  infer P extends Part,
  ...infer Rest extends readonly Part[],
]
  ? MergeAll<Merge<T, PartMessages<P>>, Rest>
  : T;

/** Parts named here must exist in parts.ts… */
type Named<T extends readonly Part[]> = T;
/** …and every part of parts.ts must be named here, or `Messages` would lack its keys. */
type NoneLeft<T extends never> = T;

type AllParts = Named<
  [
    'permissions',
    'admin',
    'legislation',
    'suggestions',
    'households',
    'renewal',
    'relocation',
    'council',
    'mediation',
    'safety',
    'dashboard',
    'portal',
    'iot',
    'offline',
    'antifraud',
    'opinion',
    'allowances',
  ]
>;
export type UnnamedParts = NoneLeft<Exclude<Part, AllParts[number]>>;

/**
 * The whole interface's strings as i18next sees them once every part is loaded: the core and the
 * parts merged key by key (a module's menu label is in the core, its page strings in its part).
 * The typed key set of `t()`: `t('nav.hmoe')` does not compile.
 */
export type Messages = MergeAll<CoreMessages, AllParts>;
