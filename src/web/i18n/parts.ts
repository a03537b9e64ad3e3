/**
 * The dictionary's parts besides the core (zh.ts / en.ts): each module's strings, one file per
 * language, each its own chunk, loaded when a page that shows them is first opened (the router
 * asks for them with the page's code, app/routeDictionaries.ts) and, on a language switch, in the
 * other language for every part already loaded (index.ts). The sign-in page carries none of them.
 */
export const parts = {
  permissions: {
    zh: () => import('./parts/permissions.zh.ts').then((m) => m.permissionsZh),
    en: () => import('./parts/permissions.en.ts').then((m) => m.permissionsEn),
  },
  admin: {
    zh: () => import('./parts/admin.zh.ts').then((m) => m.adminZh),
    en: () => import('./parts/admin.en.ts').then((m) => m.adminEn),
  },
  legislation: {
    zh: () => import('./parts/legislation.zh.ts').then((m) => m.legislationZh),
    en: () => import('./parts/legislation.en.ts').then((m) => m.legislationEn),
  },
  suggestions: {
    zh: () => import('./parts/suggestions.zh.ts').then((m) => m.suggestionsZh),
    en: () => import('./parts/suggestions.en.ts').then((m) => m.suggestionsEn),
  },
  households: {
    zh: () => import('./parts/households.zh.ts').then((m) => m.householdsZh),
    en: () => import('./parts/households.en.ts').then((m) => m.householdsEn),
  },
  renewal: {
    zh: () => import('./parts/renewal.zh.ts').then((m) => m.renewalZh),
    en: () => import('./parts/renewal.en.ts').then((m) => m.renewalEn),
  },
  relocation: {
    zh: () => import('./parts/relocation.zh.ts').then((m) => m.relocationZh),
    en: () => import('./parts/relocation.en.ts').then((m) => m.relocationEn),
  },
  council: {
    zh: () => import('./parts/council.zh.ts').then((m) => m.councilZh),
    en: () => import('./parts/council.en.ts').then((m) => m.councilEn),
  },
  mediation: {
    zh: () => import('./parts/mediation.zh.ts').then((m) => m.mediationZh),
    en: () => import('./parts/mediation.en.ts').then((m) => m.mediationEn),
  },
  safety: {
    zh: () => import('./parts/safety.zh.ts').then((m) => m.safetyZh),
    en: () => import('./parts/safety.en.ts').then((m) => m.safetyEn),
  },
  dashboard: {
    zh: () => import('./parts/dashboard.zh.ts').then((m) => m.dashboardZh),
    en: () => import('./parts/dashboard.en.ts').then((m) => m.dashboardEn),
  },
  portal: {
    zh: () => import('./parts/portal.zh.ts').then((m) => m.portalZh),
    en: () => import('./parts/portal.en.ts').then((m) => m.portalEn),
  },
  iot: {
    zh: () => import('./parts/iot.zh.ts').then((m) => m.iotZh),
    en: () => import('./parts/iot.en.ts').then((m) => m.iotEn),
  },
  offline: {
    zh: () => import('./parts/offline.zh.ts').then((m) => m.offlineZh),
    en: () => import('./parts/offline.en.ts').then((m) => m.offlineEn),
  },
  antifraud: {
    zh: () => import('./parts/antifraud.zh.ts').then((m) => m.antifraudZh),
    en: () => import('./parts/antifraud.en.ts').then((m) => m.antifraudEn),
  },
  opinion: {
    zh: () => import('./parts/opinion.zh.ts').then((m) => m.opinionZh),
    en: () => import('./parts/opinion.en.ts').then((m) => m.opinionEn),
  },
  allowances: {
    zh: () => import('./parts/allowances.zh.ts').then((m) => m.allowancesZh),
    en: () => import('./parts/allowances.en.ts').then((m) => m.allowancesEn),
  },
};

/** The name of a part of the dictionary (`households`, `safety`…). */
export type Part = keyof typeof parts;

/** The strings of one part, as the Chinese file gives them (the English one is typed to it). */
export type PartMessages<P extends Part> = Awaited<ReturnType<(typeof parts)[P]['zh']>>;
