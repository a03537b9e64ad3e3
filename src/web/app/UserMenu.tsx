import { Button, Dropdown, type MenuProps } from 'antd';
import { DownOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { roleLabel } from '../i18n/labels.ts';
import { useLogout, useMe } from './session.ts';

/** Name and role of the signed-in user, with sign-out. `compact` hides the name on phones. */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();

  const items: MenuProps['items'] = [
    {
      key: 'who',
      // Not an action: tells who is signed in and in which role.
      disabled: true,
      label: (
        <span className="gz-user-who">
          <strong>{me.displayName}</strong>
          <span>{roleLabel(t, me.role)}</span>
        </span>
      ),
    },
    { type: 'divider' },
    { key: 'security', icon: <SafetyOutlined aria-hidden />, label: t('account.security.link') },
    { key: 'logout', icon: <LogoutOutlined aria-hidden />, label: t('header.logout'), danger: true },
  ];

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'logout') logout.mutate();
          if (key === 'security') void navigate('/account/security');
        },
      }}
    >
      <Button
        type="text"
        aria-label={t('header.userMenu', { name: me.displayName })}
        loading={logout.isPending}
      >
        <UserOutlined aria-hidden />
        {compact ? null : <span className="gz-user-name">{me.displayName}</span>}
        <DownOutlined aria-hidden className="gz-user-caret" />
      </Button>
    </Dropdown>
  );
}
