/**
 * The registry of pages inside the app shell. One entry gives a page its route, its side-menu
 * item, its quick link on the home page and its permission guard — a new module adds one line.
 */
import type { ComponentType } from 'react';
import type { ParseKeys } from 'i18next';
import type { NavIconName } from './navIcons.tsx';
import type { PermissionRequirement } from './session.ts';

export type NavGroup = 'workspace' | 'admin' | 'account';

export interface NavItem {
  path: string;
  labelKey: ParseKeys;
  /** Drawn by the menu and the home page's quick links (navIcons.tsx, part of the shell's chunk). */
  icon: NavIconName;
  /** Who sees the item and may open the page (any one of several permissions when a list). */
  permission: PermissionRequirement;
  group: NavGroup;
  /** Loaded on first visit, so each page (and its dependencies) is its own chunk. */
  load: () => Promise<ComponentType>;
}

export const navGroupLabels: Record<NavGroup, ParseKeys> = {
  workspace: 'nav.groupWorkspace',
  admin: 'nav.groupAdmin',
  account: 'nav.groupAccount',
};

export const navigation: readonly NavItem[] = [
  {
    path: '/dashboard',
    labelKey: 'dashboard.nav',
    icon: 'DashboardOutlined',
    permission: 'stats.read',
    group: 'workspace',
    load: () => import('../features/dashboard/DashboardPage.tsx').then((m) => m.DashboardPage),
  },
  {
    path: '/dashboard/compare',
    labelKey: 'dashboard.navCompare',
    icon: 'FundViewOutlined',
    permission: 'stats.cross_tenant',
    group: 'workspace',
    load: () => import('../features/dashboard/ComparePage.tsx').then((m) => m.ComparePage),
  },
  {
    path: '/',
    labelKey: 'nav.home',
    icon: 'HomeOutlined',
    permission: null,
    group: 'workspace',
    load: () => import('../features/home/HomePage.tsx').then((m) => m.HomePage),
  },
  {
    path: '/my',
    labelKey: 'portal.nav',
    icon: 'SmileOutlined',
    permission: 'self.read',
    group: 'workspace',
    load: () => import('../features/portal/PortalPage.tsx').then((m) => m.PortalPage),
  },
  {
    path: '/admin/users',
    labelKey: 'nav.users',
    icon: 'TeamOutlined',
    permission: ['user.manage', 'system.manage'],
    group: 'admin',
    load: () => import('../features/users/UsersPage.tsx').then((m) => m.UsersPage),
  },
  {
    path: '/admin/tenants',
    labelKey: 'nav.tenants',
    icon: 'ApartmentOutlined',
    permission: 'system.manage',
    group: 'admin',
    load: () => import('../features/tenants/TenantsPage.tsx').then((m) => m.TenantsPage),
  },
  {
    path: '/admin/audit',
    labelKey: 'nav.audit',
    icon: 'AuditOutlined',
    permission: 'audit.read',
    group: 'admin',
    load: () => import('../features/audit/AuditPage.tsx').then((m) => m.AuditPage),
  },
  {
    path: '/notifications',
    labelKey: 'inbox.notifications',
    icon: 'BellOutlined',
    permission: null,
    group: 'account',
    load: () => import('../features/inbox/NotificationsPage.tsx').then((m) => m.NotificationsPage),
  },
  {
    path: '/account/tokens',
    labelKey: 'nav.tokens',
    icon: 'KeyOutlined',
    permission: 'token.manage',
    group: 'account',
    load: () => import('../features/tokens/TokensPage.tsx').then((m) => m.TokensPage),
  },
  {
    path: '/legislation',
    labelKey: 'nav.legislation',
    icon: 'BankOutlined',
    permission: 'legislation.read',
    group: 'workspace',
    load: () => import('../features/legislation/LegislationPage.tsx').then((m) => m.LegislationPage),
  },
  {
    path: '/suggest',
    labelKey: 'suggestions.nav.mine',
    icon: 'BulbOutlined',
    permission: 'suggestion.submit',
    group: 'workspace',
    load: () =>
      import('../features/suggestions/ResidentSuggestionsPage.tsx').then((m) => m.ResidentSuggestionsPage),
  },
  {
    path: '/suggestions',
    labelKey: 'suggestions.nav.handle',
    icon: 'SolutionOutlined',
    permission: 'suggestion.read',
    group: 'workspace',
    load: () =>
      import('../features/suggestions/StaffSuggestionsPage.tsx').then((m) => m.StaffSuggestionsPage),
  },
  {
    path: '/suggestions/network',
    labelKey: 'suggestions.nav.network',
    icon: 'ClusterOutlined',
    permission: 'suggestion.read',
    group: 'workspace',
    load: () => import('../features/suggestions/NetworkPage.tsx').then((m) => m.NetworkPage),
  },
  {
    path: '/suggestions/figures',
    labelKey: 'suggestions.nav.figures',
    icon: 'BarChartOutlined',
    permission: 'suggestion.read',
    group: 'workspace',
    load: () => import('../features/suggestions/FiguresPage.tsx').then((m) => m.FiguresPage),
  },
  {
    path: '/my-work',
    labelKey: 'households.nav.myWork',
    icon: 'ScheduleOutlined',
    permission: 'household.read',
    group: 'workspace',
    load: () => import('../features/households/MyWorkPage.tsx').then((m) => m.MyWorkPage),
  },
  {
    path: '/households',
    labelKey: 'households.nav.list',
    icon: 'IdcardOutlined',
    permission: ['household.read', 'household.read_all'],
    group: 'workspace',
    load: () => import('../features/households/HouseholdsPage.tsx').then((m) => m.HouseholdsPage),
  },
  {
    path: '/estates',
    labelKey: 'households.nav.estates',
    icon: 'EnvironmentOutlined',
    permission: 'estate.read',
    group: 'workspace',
    load: () => import('../features/households/EstatesPage.tsx').then((m) => m.EstatesPage),
  },
  {
    path: '/households/import',
    labelKey: 'households.nav.import',
    icon: 'CloudUploadOutlined',
    permission: 'household.import',
    group: 'workspace',
    load: () => import('../features/households/ImportPage.tsx').then((m) => m.ImportPage),
  },
  {
    path: '/org',
    labelKey: 'households.nav.org',
    icon: 'PartitionOutlined',
    permission: 'org.manage',
    group: 'workspace',
    load: () => import('../features/households/OrgPage.tsx').then((m) => m.OrgPage),
  },
  {
    path: '/rounds',
    labelKey: 'renewal.nav.rounds',
    icon: 'FundProjectionScreenOutlined',
    permission: 'board.read',
    group: 'workspace',
    load: () => import('../features/renewal/RoundsPage.tsx').then((m) => m.RoundsPage),
  },
  {
    path: '/my-home',
    labelKey: 'renewal.nav.myHome',
    icon: 'HomeFilled',
    permission: 'self.read',
    group: 'workspace',
    load: () => import('../features/renewal/MyHomePage.tsx').then((m) => m.MyHomePage),
  },
  {
    path: '/relocation',
    labelKey: 'relocation.nav.staff',
    icon: 'CarOutlined',
    permission: ['relocation.read', 'relocation.manage'],
    group: 'workspace',
    load: () => import('../features/relocation/RelocationPage.tsx').then((m) => m.RelocationPage),
  },
  {
    path: '/my-move',
    labelKey: 'relocation.nav.mine',
    icon: 'InboxOutlined',
    permission: 'relocation.book',
    group: 'workspace',
    load: () => import('../features/relocation/MyMovePage.tsx').then((m) => m.MyMovePage),
  },
  {
    path: '/my-offers',
    labelKey: 'relocation.nav.vendor',
    icon: 'ShopOutlined',
    permission: 'relocation.offer',
    group: 'workspace',
    load: () => import('../features/relocation/VendorPage.tsx').then((m) => m.VendorPage),
  },
  {
    path: '/council',
    labelKey: 'council.nav',
    icon: 'CommentOutlined',
    permission: 'council.read',
    group: 'workspace',
    load: () => import('../features/council/CouncilPage.tsx').then((m) => m.CouncilPage),
  },
  {
    path: '/council/results',
    labelKey: 'council.results.nav',
    icon: 'TrophyOutlined',
    permission: 'council.participate',
    group: 'workspace',
    load: () => import('../features/council/ResultsPage.tsx').then((m) => m.ResultsPage),
  },
  {
    path: '/mediation',
    labelKey: 'mediation.nav',
    icon: 'SafetyCertificateOutlined',
    permission: ['mediation.oversee', 'mediation.handle', 'mediation.liaise', 'mediation.self'],
    group: 'workspace',
    load: () => import('../features/mediation/MediationPage.tsx').then((m) => m.MediationPage),
  },
  {
    path: '/safety',
    labelKey: 'safety.nav',
    icon: 'AlertOutlined',
    permission: ['safety.read', 'safety.handle', 'safety.report'],
    group: 'workspace',
    load: () => import('../features/safety/BoardPage.tsx').then((m) => m.BoardPage),
  },
  {
    path: '/anti-fraud/visits',
    labelKey: 'antifraud.nav',
    icon: 'PhoneOutlined',
    permission: 'antifraud.visit',
    group: 'workspace',
    load: () => import('../features/antifraud/VisitsPage.tsx').then((m) => m.VisitsPage),
  },
  {
    path: '/anti-fraud/list',
    labelKey: 'antifraud.navList',
    icon: 'EyeInvisibleOutlined',
    permission: 'antifraud.manage',
    group: 'workspace',
    load: () => import('../features/antifraud/WatchListPage.tsx').then((m) => m.WatchListPage),
  },
  {
    path: '/anti-fraud/rounds',
    labelKey: 'antifraud.navRounds',
    icon: 'RiseOutlined',
    permission: ['antifraud.manage', 'antifraud.visit'],
    group: 'workspace',
    load: () => import('../features/antifraud/RoundsPage.tsx').then((m) => m.RoundsPage),
  },
  {
    path: '/anti-fraud/lessons',
    labelKey: 'antifraud.navLessons',
    icon: 'AudioOutlined',
    permission: 'antifraud.manage',
    group: 'workspace',
    load: () => import('../features/antifraud/LessonsPage.tsx').then((m) => m.LessonsPage),
  },
  {
    path: '/my/anti-fraud',
    labelKey: 'antifraud.navMine',
    icon: 'SoundOutlined',
    permission: ['safety.report', 'self.read', 'antifraud.visit'],
    group: 'workspace',
    load: () => import('../features/antifraud/MyLessonsPage.tsx').then((m) => m.MyLessonsPage),
  },
  {
    path: '/iot',
    labelKey: 'iot.nav',
    icon: 'MonitorOutlined',
    permission: 'safety.read',
    group: 'workspace',
    load: () => import('../features/iot/IotLivePage.tsx').then((m) => m.IotLivePage),
  },
  {
    path: '/iot/devices',
    labelKey: 'iot.navDevices',
    icon: 'ApiOutlined',
    permission: 'safety.read',
    group: 'workspace',
    load: () => import('../features/iot/IotDevicesPage.tsx').then((m) => m.IotDevicesPage),
  },
];

/** The registry entry whose path is the longest prefix of `pathname` (for the selected menu item). */
export function activeNavItem(pathname: string): NavItem | undefined {
  let best: NavItem | undefined;
  for (const item of navigation) {
    const matches =
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best;
}
