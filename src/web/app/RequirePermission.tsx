import { Outlet } from 'react-router';
import { ForbiddenPage } from '../features/errors/ForbiddenPage.tsx';
import { hasPermission, useMe, type PermissionRequirement } from './session.ts';

/** Route guard: the page itself, or a 403 page. The server enforces the same rule on its data. */
export function RequirePermission({ permission }: { permission: PermissionRequirement }) {
  const me = useMe();
  return hasPermission(me, permission) ? <Outlet /> : <ForbiddenPage />;
}
