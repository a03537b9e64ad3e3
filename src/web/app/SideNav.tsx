import { Menu, type MenuProps } from 'antd';
import { NavLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NavIcon } from './navIcons.tsx';
import { activeNavItem, navGroupLabels, navigation, type NavGroup } from './navigation.ts';
import { hasPermission, useMe } from './session.ts';

const groupOrder: readonly NavGroup[] = ['workspace', 'admin', 'account'];

/**
 * The side menu: registry entries the user may open, grouped. Items are real links (NavLink adds
 * `aria-current="page"`); antd's menu moves focus onto the link when arrow keys are used.
 */
export function SideNav({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  const visible = navigation.filter((item) => hasPermission(me, item.permission));
  const active = activeNavItem(pathname);

  const items: MenuProps['items'] = groupOrder
    .map((group) => ({ group, entries: visible.filter((item) => item.group === group) }))
    .filter(({ entries }) => entries.length > 0)
    .map(({ group, entries }) => ({
      type: 'group' as const,
      key: group,
      label: t(navGroupLabels[group]),
      children: entries.map((item) => ({
        key: item.path,
        icon: <NavIcon name={item.icon} />,
        label: (
          <NavLink to={item.path} end={item.path === '/'} onClick={onNavigate}>
            {t(item.labelKey)}
          </NavLink>
        ),
      })),
    }));

  return (
    <nav aria-label={t('nav.main')} className="gz-nav">
      {/* tabIndex -1: the links inside are the tab stops; an extra stop on the list itself says nothing. */}
      <Menu mode="inline" items={items} selectedKeys={active ? [active.path] : []} tabIndex={-1} />
    </nav>
  );
}
