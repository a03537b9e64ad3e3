/**
 * Permissions and roles: the one typed list shared by server and web.
 * A route declares exactly one permission (or 'public' / 'authenticated'); roles map to permission sets.
 */
export const Permissions = [
  // platform
  'system.manage', // streets (tenants) and users of every street
  'user.manage', // users of the actor's own street
  'audit.read',
  'token.manage', // own API tokens
  'stats.read',
  'stats.cross_tenant', // district/city aggregates over granted streets
  // households (一户一档)
  'estate.read',
  'estate.manage',
  'org.manage',
  'household.read', // households assigned to the actor (or its org unit when granted)
  'household.read_all', // every household of the street
  'household.write',
  'household.import',
  'household.export',
  'household.read_phone', // unmasked phone numbers
  'household.reveal_id', // reveal a full ID number, with a reason, audited
  'visit.write',
  'concern.write',
  'self.read', // a resident's own household
  // legislative contact point (基层立法联系点)
  'legislation.read', // drafts, events, figures
  'legislation.comment', // give one's own opinion online (residents)
  'legislation.record', // enter opinions collected on paper or at meetings (信息员)
  'legislation.manage', // import drafts, events, moderation, consolidated report, feedback
  // people's suggestions (人民建议征集)
  'suggestion.submit', // propose, follow one's own suggestions, rate the answers
  'suggestion.read', // every suggestion of the street, and the figures
  'suggestion.handle', // accept, assign, handle, answer, redirect, merge
  'suggestion.manage', // collection network, topic calls, deadlines, collective replies, projects
  // 成套改造: rounds, plans, drawings, construction (renewal)
  'round.read', // progress, holdouts
  'round.manage', // open and close consultation and signing rounds
  'round.respond', // record households' responses and signatures
  'board.read', // the public board (公示)
  'plan.write', // draft plans (一户一方案) and layout options
  'plan.confirm', // confirm a plan version (residents online, staff for paper)
  'drawing.upload', // designers' drawings (一户一图纸)
  'drawing.confirm', // confirm a drawing version
  'drawing.request_change',
  'construction.manage', // building phases, acceptance and defects
  'resident.activate', // print activation letters (入户通知单)
  // relocation support and the decoration market (为你找房, 红色搬家先锋队, 临时仓库, 惠民市集)
  'relocation.read', // rentals, moving requests, storage, market: the street's records
  'relocation.manage', // volunteers, scheduling, warehouses, check-in/out, vendors, market days
  'relocation.offer', // a partner firm: its own rental listings, packages and quotes
  'relocation.book', // a resident: book movers, storage, consultations; confirm completion
  // 红色议事厅 (council hall) and self-governance projects
  'council.read', // topics, meetings, minutes, projects
  'council.manage', // raise topics, hold meetings, sign people in, resolutions, projects
  'council.participate', // sign in to a meeting by its QR code; read published project results
  // opinion maps (意见地图): statements, votes and the groups of opinion
  'opinion.read', // maps, their analysis and report
  'opinion.manage', // create maps, seed and moderate statements, enter paper ballots
  'opinion.vote', // vote on statements and propose one's own (residents)
  // "2+3" people's mediation (人民调解)
  'mediation.handle', // intake, acceptance, sessions, outcomes, agreements (own cases)
  'mediation.oversee', // committee head: every case, assignment, escalations, figures
  'mediation.liaise', // police station / judicial office / law firm: cases one is invited to
  'mediation.self', // a party: own case's status and documents
  // 六防 community safety and smart public facilities (物联网)
  'safety.read', // devices, alarms, work orders, patrols, registers, figures
  'safety.manage', // devices, alarm rules, in-home consent, patrol plans, risk registers
  'safety.dispatch', // dispatch work orders, verify and close them (值班调度)
  'safety.handle', // work orders assigned to oneself: accept, handle, feed back; patrol records
  'safety.report', // a resident: report a hazard (becomes a work order), play anti-fraud lessons
  'antifraud.visit', // anti-fraud worker: own watch-list entries and their visits
  'antifraud.manage', // the watch list, visit rounds, face-to-face figures
] as const;

export type Permission = (typeof Permissions)[number];

export const Roles = [
  'system_admin',
  'district_official',
  'street_leader',
  'cadre',
  'committee',
  'volunteer',
  'designer',
  'vendor',
  'mediator',
  'liaison',
  'resident',
] as const;

export type Role = (typeof Roles)[number];

const staffBase: Permission[] = ['token.manage', 'estate.read', 'household.read'];

/** Role → permissions. The single source of truth; the web app only hides what the server also refuses. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  system_admin: Permissions.filter((p) => p !== 'self.read'),
  district_official: ['token.manage', 'stats.read', 'stats.cross_tenant'],
  street_leader: [
    'opinion.read',
    'opinion.manage',
    'safety.read',
    'safety.manage',
    'safety.dispatch',
    'safety.handle',
    'antifraud.manage',
    'antifraud.visit',
    'relocation.read',
    'relocation.manage',
    'council.read',
    'council.manage',
    'council.participate',
    'mediation.handle',
    'mediation.oversee',
    'round.read',
    'round.manage',
    'round.respond',
    'board.read',
    'plan.write',
    'plan.confirm',
    'drawing.confirm',
    'drawing.request_change',
    'construction.manage',
    'resident.activate',
    ...staffBase,
    'suggestion.submit',
    'suggestion.read',
    'suggestion.handle',
    'suggestion.manage',
    'user.manage',
    'audit.read',
    'stats.read',
    'estate.manage',
    'org.manage',
    'household.read_all',
    'household.write',
    'household.import',
    'household.export',
    'household.read_phone',
    'household.reveal_id',
    'visit.write',
    'concern.write',
    'legislation.read',
    'legislation.record',
    'legislation.manage',
  ],
  cadre: [
    'opinion.read',
    'opinion.manage',
    'safety.read',
    'safety.dispatch',
    'safety.handle',
    'relocation.read',
    'council.read',
    'council.manage',
    'council.participate',
    'round.read',
    'round.respond',
    'board.read',
    'plan.write',
    'plan.confirm',
    'drawing.confirm',
    ...staffBase,
    'suggestion.submit',
    'suggestion.read',
    'suggestion.handle',
    'stats.read',
    'household.write',
    'household.read_phone',
    'visit.write',
    'concern.write',
    'legislation.read',
    'legislation.record',
  ],
  committee: [
    'opinion.read',
    'opinion.manage',
    'safety.read',
    'safety.handle',
    'antifraud.visit',
    'relocation.read',
    'relocation.manage',
    'council.read',
    'council.manage',
    'council.participate',
    'mediation.handle',
    'mediation.oversee',
    'round.read',
    'round.respond',
    'board.read',
    'plan.write',
    'plan.confirm',
    'drawing.confirm',
    'resident.activate',
    ...staffBase,
    'suggestion.submit',
    'suggestion.read',
    'suggestion.handle',
    'suggestion.manage',
    'stats.read',
    'household.read_all',
    'household.write',
    'household.import',
    'household.export',
    'household.read_phone',
    'visit.write',
    'concern.write',
    'legislation.read',
    'legislation.record',
    'legislation.manage',
  ],
  volunteer: [
    'opinion.read',
    'safety.handle',
    'relocation.read',
    'council.read',
    'council.participate',
    'round.read',
    'board.read',
    ...staffBase,
    'suggestion.submit',
    'visit.write',
    'concern.write',
    'legislation.read',
    'legislation.record',
  ],
  designer: ['token.manage', 'estate.read', 'household.read_all', 'board.read', 'drawing.upload'],
  vendor: ['token.manage', 'relocation.offer'],
  mediator: ['token.manage', 'estate.read', 'mediation.handle', 'council.participate'],
  liaison: ['token.manage', 'mediation.liaise'],
  resident: [
    'opinion.vote',
    'safety.report',
    'relocation.book',
    'council.participate',
    'mediation.self',
    'self.read',
    'board.read',
    'plan.confirm',
    'drawing.confirm',
    'drawing.request_change',
    'suggestion.submit',
    'legislation.read',
    'legislation.comment',
  ],
};

export function permissionsOf(role: Role): Permission[] {
  return [...rolePermissions[role]];
}
