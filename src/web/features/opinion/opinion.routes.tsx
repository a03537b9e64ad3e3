import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/RequirePermission.tsx';

/** A map and its voting screen, reached from the list (the list itself is in navigation.ts). */
export const opinionRoutes: RouteObject[] = [
  {
    path: '/opinion/:id',
    element: <RequirePermission permission={['opinion.read', 'opinion.manage', 'opinion.vote']} />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./OpinionMapPage.tsx')).OpinionMapPage }),
      },
    ],
  },
  {
    path: '/opinion/:id/vote',
    element: <RequirePermission permission="opinion.vote" />,
    children: [{ index: true, lazy: async () => ({ Component: (await import('./VotePage.tsx')).VotePage }) }],
  },
];
