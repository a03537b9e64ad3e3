import type { RouteObject } from 'react-router';

/** The signed-in user's own account pages (any role). */
export const accountRoutes: RouteObject[] = [
  {
    path: '/account/security',
    lazy: async () => ({ Component: (await import('./SecurityPage.tsx')).SecurityPage }),
  },
];
