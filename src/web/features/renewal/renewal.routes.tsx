import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../app/RequireAuth.tsx';
import { RequirePermission } from '../../app/RequirePermission.tsx';

/** Pages of the module reached from its lists rather than the menu (the lists are in navigation.ts). */
export const renewalRoutes: RouteObject[] = [
  {
    path: '/rounds/:id',
    element: <RequirePermission permission="round.read" />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./RoundPage.tsx')).RoundPage }) },
    ],
  },
  {
    path: '/rounds/:id/board',
    element: <RequirePermission permission="board.read" />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./RoundBoardPage.tsx')).RoundBoardPage }),
      },
    ],
  },
  {
    path: '/estates/:id/renewal',
    element: <RequirePermission permission="round.read" />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./EstateRenewalPage.tsx')).EstateRenewalPage }),
      },
    ],
  },
];

/** Outside the app shell: the resident activation form (public) and the full-screen board (signed in). */
export const renewalStandaloneRoutes: RouteObject[] = [
  {
    path: '/activate',
    lazy: async () => ({ Component: (await import('./ActivatePage.tsx')).ActivatePage }),
  },
  {
    path: '/rounds/:id/screen',
    element: (
      <RequireAuth>
        <RequirePermission permission="round.read" />
      </RequireAuth>
    ),
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./RoundScreenPage.tsx')).RoundScreenPage }),
      },
    ],
  },
];
