import { createBrowserRouter, type RouteObject } from 'react-router';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { accountRoutes } from '../features/auth/account.routes.tsx';
import { RouteErrorPage } from '../features/errors/RouteErrorPage.tsx';
import { householdRoutes } from '../features/households/households.routes.tsx';
import { offlineRoutes } from '../features/offline/offline.routes.tsx';
import { renewalRoutes, renewalStandaloneRoutes } from '../features/renewal/renewal.routes.tsx';
import { legislationRoutes } from '../features/legislation/legislation.routes.tsx';
import { suggestionRoutes } from '../features/suggestions/suggestions.routes.tsx';
import { councilRoutes } from '../features/council/council.routes.tsx';
import { opinionRoutes } from '../features/opinion/opinion.routes.tsx';
import { mediationRoutes } from '../features/mediation/mediation.routes.tsx';
import { safetyRoutes } from '../features/safety/safety.routes.tsx';
import { dashboardStandaloneRoutes } from '../features/dashboard/dashboard.routes.tsx';
import { queryClient } from '../api/queryClient.ts';
import { navigation } from './navigation.ts';
import { pageData } from './pageData.ts';
import { pageLoaders } from './pages.ts';
import { NotFoundRoute } from './NotFoundRoute.tsx';
import { RequirePermission } from './RequirePermission.tsx';
import { loadDictionary } from '../i18n/index.ts';
import { routeDictionaries } from './routeDictionaries.ts';
import { meQuery } from './session.ts';
import { loadShell } from './shellLoader.ts';

/** Each registry entry becomes: permission guard → lazily loaded page. */
const pageRoutes: RouteObject[] = navigation.map((item) => ({
  path: item.path,
  element: <RequirePermission permission={item.permission} />,
  loader: () => {
    void pageData[item.path]?.(queryClient);
    return null;
  },
  children: [{ index: true, lazy: async () => ({ Component: await pageLoaders[item.path]() }) }],
}));

const tree: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <FullPageSpin />,
    children: [
      { path: '/login', element: <LoginPage /> },
      ...renewalStandaloneRoutes,
      ...dashboardStandaloneRoutes,
      {
        // the shell loads with the first page behind it, not with the sign-in page; the session
        // check starts at once, side by side with the code of the shell and the page
        loader: () => {
          void queryClient.prefetchQuery(meQuery);
          return null;
        },
        lazy: async () => ({ Component: (await loadShell()).ShellLayout }),
        children: [
          ...pageRoutes,
          ...legislationRoutes,
          ...suggestionRoutes,
          ...householdRoutes,
          ...offlineRoutes,
          ...renewalRoutes,
          ...councilRoutes,
          ...opinionRoutes,
          ...mediationRoutes,
          ...safetyRoutes,
          ...accountRoutes,
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

/**
 * Each lazily loaded page comes with the parts of the dictionary it shows (routeDictionaries.ts),
 * loaded side by side with its code: a route's `lazy` resolves when both are here. An index route
 * is its parent's path.
 */
function withDictionaries(route: RouteObject, parentPath?: string): RouteObject {
  const path = route.path ?? parentPath;
  const parts = path === undefined ? [] : (routeDictionaries[path] ?? []);
  const { lazy } = route;
  const loaded: RouteObject =
    typeof lazy === 'function' && parts.length > 0
      ? {
          ...route,
          lazy: async () => (await Promise.all([lazy(), loadDictionary(parts)]))[0],
        }
      : route;
  return route.children
    ? ({ ...loaded, children: route.children.map((child) => withDictionaries(child, path)) } as RouteObject)
    : loaded;
}

export const routes: RouteObject[] = tree.map((route) => withDictionaries(route));

export const router = createBrowserRouter(routes);
