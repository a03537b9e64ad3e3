import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/RequirePermission.tsx';

/** The 平安六防 pages under the one menu entry (the board itself is /safety in navigation.ts). */
export const safetyRoutes: RouteObject[] = [
  {
    path: '/safety/work-orders/new',
    element: <RequirePermission permission="safety.dispatch" />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./NewOrderPage.tsx')).NewOrderPage }) },
    ],
  },
  {
    path: '/safety/work-orders/:id',
    element: <RequirePermission permission={['safety.read', 'safety.handle', 'safety.report']} />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./OrderPage.tsx')).OrderPage }) },
    ],
  },
  {
    path: '/safety/patrols',
    element: <RequirePermission permission={['safety.read', 'safety.handle']} />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./PatrolsPage.tsx')).PatrolsPage }) },
    ],
  },
  {
    path: '/safety/patrols/:id/record',
    element: <RequirePermission permission="safety.handle" />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./PatrolRecordPage.tsx')).PatrolRecordPage }),
      },
    ],
  },
  {
    path: '/safety/settings',
    element: <RequirePermission permission={['safety.read', 'safety.manage']} />,
    children: [{ index: true, lazy: async () => ({ Component: (await import('./SlaPage.tsx')).SlaPage }) }],
  },
  {
    path: '/safety/registers',
    element: <RequirePermission permission="safety.read" />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./RegistersPage.tsx')).RegistersPage }) },
    ],
  },
  {
    path: '/safety/figures',
    element: <RequirePermission permission="safety.read" />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./FiguresPage.tsx')).FiguresPage }) },
    ],
  },
  {
    path: '/safety/report',
    element: <RequirePermission permission="safety.report" />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./ReportPage.tsx')).ReportPage }) },
    ],
  },
];
