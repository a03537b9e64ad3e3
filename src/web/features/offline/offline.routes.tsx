import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/RequirePermission.tsx';

/** A household's file as kept on the phone (the list is /field in navigation.ts). */
export const offlineRoutes: RouteObject[] = [
  {
    path: '/field/households/:id',
    element: <RequirePermission permission="visit.write" />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./FieldHouseholdPage.tsx')).FieldHouseholdPage }),
      },
    ],
  },
];
