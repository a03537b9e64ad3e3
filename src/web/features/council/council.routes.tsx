import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/RequirePermission.tsx';

/** Pages reached from the council hall list or a QR code (the list itself is in navigation.ts). */
export const councilRoutes: RouteObject[] = [
  {
    path: '/council/meetings/:id',
    element: <RequirePermission permission={['council.read', 'council.participate']} />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./MeetingRoute.tsx')).MeetingRoute }) },
    ],
  },
  {
    path: '/council/check-in/:id',
    element: <RequirePermission permission="council.participate" />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./CheckInPage.tsx')).CheckInPage }) },
    ],
  },
];
