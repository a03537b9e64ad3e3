import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/RequirePermission.tsx';

/** A case page, reached from the case list (the list itself is in navigation.ts). */
export const mediationRoutes: RouteObject[] = [
  {
    path: '/mediation/cases/:id',
    element: (
      <RequirePermission
        permission={['mediation.oversee', 'mediation.handle', 'mediation.liaise', 'mediation.self']}
      />
    ),
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./MediationCasePage.tsx')).MediationCasePage }),
      },
    ],
  },
];
