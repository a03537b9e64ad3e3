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
    ...staffBase,
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
  ],
  cadre: [
    ...staffBase,
    'stats.read',
    'household.write',
    'household.read_phone',
    'visit.write',
    'concern.write',
  ],
  committee: [
    ...staffBase,
    'stats.read',
    'household.read_all',
    'household.write',
    'household.import',
    'household.export',
    'household.read_phone',
    'visit.write',
    'concern.write',
  ],
  volunteer: [...staffBase, 'visit.write', 'concern.write'],
  designer: ['token.manage', 'estate.read'],
  vendor: ['token.manage'],
  mediator: ['token.manage', 'estate.read'],
  liaison: ['token.manage'],
  resident: ['self.read'],
};

export function permissionsOf(role: Role): Permission[] {
  return [...rolePermissions[role]];
}
