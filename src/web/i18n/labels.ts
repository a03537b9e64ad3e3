import type { TFunction } from 'i18next';
import type { Permission, Role } from '../../contract/permissions.ts';

/** `household.read_all` → `household_read_all`: i18next reads `.` as nesting, so the keys use `_`. */
type Underscored<S extends string> = S extends `${infer Head}.${infer Tail}`
  ? `${Head}_${Underscored<Tail>}`
  : S;

function underscored<S extends string>(value: S): Underscored<S> {
  return value.replaceAll('.', '_') as Underscored<S>;
}

/** Human name of a role in the current language (e.g. 街道领导). */
export function roleLabel(t: TFunction, role: Role): string {
  return t(`roles.${role}`);
}

/** Human description of a permission in the current language (e.g. 查看审计日志). */
export function permissionLabel(t: TFunction, permission: Permission): string {
  return t(`permissions.${underscored(permission)}`);
}
