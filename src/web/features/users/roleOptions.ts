import type { TFunction } from 'i18next';
import { Roles, type Role } from '../../../contract/permissions.ts';
import { roleLabel } from '../../i18n/labels.ts';

/** Roles above a street: only someone who manages the whole system may hand them out. */
const platformRoles: readonly Role[] = ['system_admin', 'district_official'];

/**
 * Role choices for the user form. A street's own user manager is not offered platform-wide roles;
 * the server decides in the end, this only avoids offering what it would refuse.
 */
export function roleOptions(t: TFunction, canManageSystem: boolean): { value: Role; label: string }[] {
  return Roles.filter((role) => canManageSystem || !platformRoles.includes(role)).map((role) => ({
    value: role,
    label: roleLabel(t, role),
  }));
}
