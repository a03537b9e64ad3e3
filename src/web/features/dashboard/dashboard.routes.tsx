import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { RequirePermission } from '../../app/RequirePermission.tsx';

/** Outside the app shell: the full-screen big screen (signed in, no menu or header). */
export const dashboardStandaloneRoutes: RouteObject[] = [
  {
    path: '/dashboard/screen',
    element: (
      <RequireAuth>
        <RequirePermission permission="stats.read" />
      </RequireAuth>
    ),
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./BigScreenPage.tsx')).BigScreenPage }),
      },
    ],
  },
];
