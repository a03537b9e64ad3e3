import { Card, Col, Descriptions, Row } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NavIcon } from '../../app/navIcons.tsx';
import { navigation } from '../../app/navigation.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { Page } from '../../components/Page.tsx';
import { permissionLabel, roleLabel } from '../../i18n/labels.ts';

/** 工作台: who I am, where I act, what I may do, and the pages I can open. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const links = navigation.filter((item) => item.path !== '/' && hasPermission(me, item.permission));

  return (
    <Page title={t('home.pageTitle')}>
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card>
            <p className="gz-greeting">{t('home.greeting', { name: me.displayName })}</p>
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'role', label: t('home.role'), children: roleLabel(t, me.role) },
                { key: 'street', label: t('home.street'), children: me.tenant?.name ?? t('home.noStreet') },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={<h2 className="gz-section-title">{t('home.quickLinks')}</h2>}>
            {links.length > 0 ? (
              <ul className="gz-quick-links">
                {links.map((item) => (
                  <li key={item.path}>
                    <Link to={item.path} className="gz-quick-link">
                      <NavIcon name={item.icon} />
                      <span>{t(item.labelKey)}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('home.noQuickLinks')}</p>
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={<h2 className="gz-section-title">{t('home.permissionsTitle')}</h2>}>
            {me.permissions.length > 0 ? (
              <ul className="gz-permission-list">
                {me.permissions.map((permission) => (
                  <li key={permission}>{permissionLabel(t, permission)}</li>
                ))}
              </ul>
            ) : (
              <p>{t('home.noPermissions')}</p>
            )}
          </Card>
        </Col>
      </Row>
    </Page>
  );
}
