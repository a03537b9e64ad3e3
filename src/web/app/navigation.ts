/**
 * The registry of pages inside the app shell. One entry gives a page its route, its side-menu
 * item, its quick link on the home page and its permission guard — a new module adds one line.
 */
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
}

export const navGroupLabels: Record<NavGroup, ParseKeys> = {
  workspace: 'nav.groupWorkspace',
  admin: 'nav.groupAdmin',
  account: 'nav.groupAccount',
};

export const navigation = [
  {
    path: '/dashboard',
    labelKey: 'dashboard.nav',
    icon: 'DashboardOutlined',
    permission: 'stats.read',
    group: 'workspace',
  },
  {
    path: '/dashboard/compare',
    labelKey: 'dashboard.navCompare',
    icon: 'FundViewOutlined',
    permission: 'stats.cross_tenant',
    group: 'workspace',
  },
  {
    path: '/',
    labelKey: 'nav.home',
    icon: 'HomeOutlined',
    permission: null,
    group: 'workspace',
  },
  {
    path: '/my',
    labelKey: 'portal.nav',
    icon: 'SmileOutlined',
    permission: 'self.read',
    group: 'workspace',
  },
  {
    path: '/admin/users',
    labelKey: 'nav.users',
    icon: 'TeamOutlined',
    permission: ['user.manage', 'system.manage'],
    group: 'admin',
  },
  {
    path: '/admin/tenants',
    labelKey: 'nav.tenants',
    icon: 'ApartmentOutlined',
    permission: 'system.manage',
    group: 'admin',
  },
  {
    path: '/admin/audit',
    labelKey: 'nav.audit',
    icon: 'AuditOutlined',
    permission: 'audit.read',
    group: 'admin',
  },
  {
    path: '/notifications',
    labelKey: 'inbox.notifications',
    icon: 'BellOutlined',
    permission: null,
    group: 'account',
  },
  {
    path: '/account/tokens',
    labelKey: 'nav.tokens',
    icon: 'KeyOutlined',
    permission: 'token.manage',
    group: 'account',
  },
  {
    path: '/legislation',
    labelKey: 'nav.legislation',
    icon: 'BankOutlined',
    permission: 'legislation.read',
    group: 'workspace',
  },
  {
    path: '/suggest',
    labelKey: 'suggestions.nav.mine',
    icon: 'BulbOutlined',
    permission: 'suggestion.submit',
    group: 'workspace',
  },
  {
    path: '/suggestions',
    labelKey: 'suggestions.nav.handle',
    icon: 'SolutionOutlined',
    permission: 'suggestion.read',
    group: 'workspace',
  },
  {
    path: '/suggestions/network',
    labelKey: 'suggestions.nav.network',
    icon: 'ClusterOutlined',
    permission: 'suggestion.read',
    group: 'workspace',
  },
  {
    path: '/suggestions/figures',
    labelKey: 'suggestions.nav.figures',
    icon: 'BarChartOutlined',
    permission: 'suggestion.read',
    group: 'workspace',
  },
  {
    path: '/my-work',
    labelKey: 'households.nav.myWork',
    icon: 'ScheduleOutlined',
    permission: 'household.read',
    group: 'workspace',
  },
  {
    path: '/field',
    labelKey: 'offline.nav',
    icon: 'CloudUploadOutlined',
    permission: 'visit.write',
    group: 'workspace',
  },
  {
    path: '/households',
    labelKey: 'households.nav.list',
    icon: 'IdcardOutlined',
    permission: ['household.read', 'household.read_all'],
    group: 'workspace',
  },
  {
    path: '/estates',
    labelKey: 'households.nav.estates',
    icon: 'EnvironmentOutlined',
    permission: 'estate.read',
    group: 'workspace',
  },
  {
    path: '/households/import',
    labelKey: 'households.nav.import',
    icon: 'CloudUploadOutlined',
    permission: 'household.import',
    group: 'workspace',
  },
  {
    path: '/org',
    labelKey: 'households.nav.org',
    icon: 'PartitionOutlined',
    permission: 'org.manage',
    group: 'workspace',
  },
  {
    path: '/rounds',
    labelKey: 'renewal.nav.rounds',
    icon: 'FundProjectionScreenOutlined',
    permission: 'board.read',
    group: 'workspace',
  },
  {
    path: '/my-home',
    labelKey: 'renewal.nav.myHome',
    icon: 'HomeFilled',
    permission: 'self.read',
    group: 'workspace',
  },
  {
    path: '/relocation',
    labelKey: 'relocation.nav.staff',
    icon: 'CarOutlined',
    permission: ['relocation.read', 'relocation.manage'],
    group: 'workspace',
  },
  {
    path: '/my-move',
    labelKey: 'relocation.nav.mine',
    icon: 'InboxOutlined',
    permission: 'relocation.book',
    group: 'workspace',
  },
  {
    path: '/my-offers',
    labelKey: 'relocation.nav.vendor',
    icon: 'ShopOutlined',
    permission: 'relocation.offer',
    group: 'workspace',
  },
  {
    path: '/council',
    labelKey: 'council.nav',
    icon: 'CommentOutlined',
    permission: 'council.read',
    group: 'workspace',
  },
  {
    path: '/council/results',
    labelKey: 'council.results.nav',
    icon: 'TrophyOutlined',
    permission: 'council.participate',
    group: 'workspace',
  },
  {
    path: '/opinion',
    labelKey: 'opinion.nav',
    icon: 'CommentOutlined',
    permission: ['opinion.read', 'opinion.manage', 'opinion.vote'],
    group: 'workspace',
  },
  {
    path: '/mediation',
    labelKey: 'mediation.nav',
    icon: 'SafetyCertificateOutlined',
    permission: ['mediation.oversee', 'mediation.handle', 'mediation.liaise', 'mediation.self'],
    group: 'workspace',
  },
  {
    path: '/safety',
    labelKey: 'safety.nav',
    icon: 'AlertOutlined',
    permission: ['safety.read', 'safety.handle', 'safety.report'],
    group: 'workspace',
  },
  {
    path: '/anti-fraud/visits',
    labelKey: 'antifraud.nav',
    icon: 'PhoneOutlined',
    permission: 'antifraud.visit',
    group: 'workspace',
  },
  {
    path: '/anti-fraud/list',
    labelKey: 'antifraud.navList',
    icon: 'EyeInvisibleOutlined',
    permission: 'antifraud.manage',
    group: 'workspace',
  },
  {
    path: '/anti-fraud/rounds',
    labelKey: 'antifraud.navRounds',
    icon: 'RiseOutlined',
    permission: ['antifraud.manage', 'antifraud.visit'],
    group: 'workspace',
  },
  {
    path: '/anti-fraud/lessons',
    labelKey: 'antifraud.navLessons',
    icon: 'AudioOutlined',
    permission: 'antifraud.manage',
    group: 'workspace',
  },
  {
    path: '/my/anti-fraud',
    labelKey: 'antifraud.navMine',
    icon: 'SoundOutlined',
    permission: ['safety.report', 'self.read', 'antifraud.visit'],
    group: 'workspace',
  },
  {
    path: '/iot',
    labelKey: 'iot.nav',
    icon: 'MonitorOutlined',
    permission: 'safety.read',
    group: 'workspace',
  },
  {
    path: '/iot/devices',
    labelKey: 'iot.navDevices',
    icon: 'ApiOutlined',
    permission: 'safety.read',
    group: 'workspace',
  },
] as const satisfies readonly NavItem[];

/** The path of every registered page; pages.ts gives each its loader. */
export type NavPath = (typeof navigation)[number]['path'];

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
