import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/RequirePermission.tsx';

/** Pages of the module reached from its lists rather than the menu (the lists are in navigation.ts). */
export const suggestionRoutes: RouteObject[] = [
  {
    path: '/suggest/new',
    element: <RequirePermission permission="suggestion.submit" />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./SubmitSuggestionPage.tsx')).SubmitSuggestionPage }),
      },
    ],
  },
  {
    path: '/suggest/:id',
    element: <RequirePermission permission="suggestion.submit" />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./SuggestionDetailPage.tsx')).SuggestionDetailPage }),
      },
    ],
  },
  {
    path: '/suggestions/projects',
    element: <RequirePermission permission="suggestion.read" />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./ProjectsPage.tsx')).ProjectsPage }),
      },
    ],
  },
  {
    path: '/suggestions/:id',
    element: <RequirePermission permission="suggestion.read" />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./SuggestionDetailPage.tsx')).SuggestionDetailPage }),
      },
    ],
  },
];
