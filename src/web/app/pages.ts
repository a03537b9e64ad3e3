import type { ComponentType } from 'react';
import type { NavPath } from './navigation.ts';

/**
 * The page behind each registry entry, loaded on first visit so each page (and its dependencies) is its own
 * chunk. Kept apart from navigation.ts: pages read the registry (the home page's links), so a registry that
 * imported the pages would make an import loop.
 */
export const pageLoaders: Record<NavPath, () => Promise<ComponentType>> = {
  '/dashboard': () => import('../features/dashboard/DashboardPage.tsx').then((m) => m.DashboardPage),
  '/dashboard/compare': () => import('../features/dashboard/ComparePage.tsx').then((m) => m.ComparePage),
  '/': () => import('../features/home/HomePage.tsx').then((m) => m.HomePage),
  '/my': () => import('../features/portal/PortalPage.tsx').then((m) => m.PortalPage),
  '/admin/users': () => import('../features/users/UsersPage.tsx').then((m) => m.UsersPage),
  '/admin/tenants': () => import('../features/tenants/TenantsPage.tsx').then((m) => m.TenantsPage),
  '/admin/audit': () => import('../features/audit/AuditPage.tsx').then((m) => m.AuditPage),
  '/notifications': () => import('../features/inbox/NotificationsPage.tsx').then((m) => m.NotificationsPage),
  '/account/tokens': () => import('../features/tokens/TokensPage.tsx').then((m) => m.TokensPage),
  '/legislation': () => import('../features/legislation/LegislationPage.tsx').then((m) => m.LegislationPage),
  '/suggest': () =>
    import('../features/suggestions/ResidentSuggestionsPage.tsx').then((m) => m.ResidentSuggestionsPage),
  '/suggestions': () =>
    import('../features/suggestions/StaffSuggestionsPage.tsx').then((m) => m.StaffSuggestionsPage),
  '/suggestions/network': () => import('../features/suggestions/NetworkPage.tsx').then((m) => m.NetworkPage),
  '/suggestions/figures': () => import('../features/suggestions/FiguresPage.tsx').then((m) => m.FiguresPage),
  '/my-work': () => import('../features/households/MyWorkPage.tsx').then((m) => m.MyWorkPage),
  '/field': () => import('../features/offline/FieldPage.tsx').then((m) => m.FieldPage),
  '/households': () => import('../features/households/HouseholdsPage.tsx').then((m) => m.HouseholdsPage),
  '/estates': () => import('../features/households/EstatesPage.tsx').then((m) => m.EstatesPage),
  '/households/import': () => import('../features/households/ImportPage.tsx').then((m) => m.ImportPage),
  '/org': () => import('../features/households/OrgPage.tsx').then((m) => m.OrgPage),
  '/rounds': () => import('../features/renewal/RoundsPage.tsx').then((m) => m.RoundsPage),
  '/my-home': () => import('../features/renewal/MyHomePage.tsx').then((m) => m.MyHomePage),
  '/relocation': () => import('../features/relocation/RelocationPage.tsx').then((m) => m.RelocationPage),
  '/my-move': () => import('../features/relocation/MyMovePage.tsx').then((m) => m.MyMovePage),
  '/my-offers': () => import('../features/relocation/VendorPage.tsx').then((m) => m.VendorPage),
  '/opinion': () => import('../features/opinion/OpinionListPage.tsx').then((m) => m.OpinionListPage),
  '/council': () => import('../features/council/CouncilPage.tsx').then((m) => m.CouncilPage),
  '/council/results': () => import('../features/council/ResultsPage.tsx').then((m) => m.ResultsPage),
  '/mediation': () => import('../features/mediation/MediationPage.tsx').then((m) => m.MediationPage),
  '/safety': () => import('../features/safety/BoardPage.tsx').then((m) => m.BoardPage),
  '/anti-fraud/visits': () => import('../features/antifraud/VisitsPage.tsx').then((m) => m.VisitsPage),
  '/anti-fraud/list': () => import('../features/antifraud/WatchListPage.tsx').then((m) => m.WatchListPage),
  '/anti-fraud/rounds': () => import('../features/antifraud/RoundsPage.tsx').then((m) => m.RoundsPage),
  '/anti-fraud/lessons': () => import('../features/antifraud/LessonsPage.tsx').then((m) => m.LessonsPage),
  '/my/anti-fraud': () => import('../features/antifraud/MyLessonsPage.tsx').then((m) => m.MyLessonsPage),
  '/iot': () => import('../features/iot/IotLivePage.tsx').then((m) => m.IotLivePage),
  '/iot/devices': () => import('../features/iot/IotDevicesPage.tsx').then((m) => m.IotDevicesPage),
};
