import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/RequirePermission.tsx';

/** Pages of the module reached from its lists rather than the menu (the lists are in navigation.ts). */
export const householdRoutes: RouteObject[] = [
  {
    path: '/households/:id',
    element: <RequirePermission permission={['household.read', 'household.read_all']} />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./HouseholdFilePage.tsx')).HouseholdFilePage }),
      },
    ],
  },
  {
    path: '/estates/:id/map',
    element: <RequirePermission permission="estate.read" />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./BattleMapPage.tsx')).BattleMapPage }) },
    ],
  },
  {
    path: '/estates/:id/site-plan',
    element: <RequirePermission permission="estate.manage" />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./SitePlanPage.tsx')).SitePlanPage }) },
    ],
  },
];
