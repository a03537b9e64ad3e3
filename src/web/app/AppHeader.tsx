import { Button, Layout } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BrandMark } from '../components/BrandMark.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { ElderSwitch } from './elder/ElderSwitch.tsx';
import { StreetSwitcher } from './StreetSwitcher.tsx';
import { UserMenu } from './UserMenu.tsx';
import { NotificationBell } from './NotificationBell.tsx';

interface AppHeaderProps {
  /** Phones: the menu lives in a drawer opened from here, and the street switcher moves there too. */
  isMobile: boolean;
  menuOpen: boolean;
  onOpenMenu: () => void;
  menuId: string;
}

export function AppHeader({ isMobile, menuOpen, onOpenMenu, menuId }: AppHeaderProps) {
  const { t } = useTranslation();
  return (
    <Layout.Header className="gz-header">
      {isMobile ? (
        <Button
          type="text"
          className="gz-menu-button"
          icon={<MenuOutlined aria-hidden />}
          aria-label={t('nav.openMenu')}
          aria-expanded={menuOpen}
          aria-controls={menuId}
          onClick={onOpenMenu}
        />
      ) : null}
      <Link to="/" className="gz-brand-link">
        <BrandMark compact={isMobile} />
      </Link>
      <div className="gz-header-tools">
        {isMobile ? null : <StreetSwitcher />}
        <NotificationBell />
        <ElderSwitch />
        <LanguageSwitch className="gz-lang-switch" />
        <UserMenu compact={isMobile} />
      </div>
    </Layout.Header>
  );
}
