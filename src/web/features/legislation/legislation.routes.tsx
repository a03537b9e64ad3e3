import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/RequirePermission.tsx';

/** Pages of the module reached from its list rather than the menu (the list itself is in navigation.ts). */
export const legislationRoutes: RouteObject[] = [
  {
    path: '/legislation/drafts/:id',
    element: <RequirePermission permission="legislation.read" />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./DraftPage.tsx')).DraftPage }) },
    ],
  },
  {
    path: '/legislation/events',
    element: <RequirePermission permission="legislation.read" />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./EventsPage.tsx')).EventsPage }) },
    ],
  },
  {
    path: '/legislation/drafts/:id/report',
    element: <RequirePermission permission="legislation.manage" />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./ReportPage.tsx')).ReportPage }) },
    ],
  },
];
