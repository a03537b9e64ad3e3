import { Badge } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotifications } from '../features/inbox/inbox.api.ts';

/** The unread count in the header; opens the notifications page (a page, not a pop-up). */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useNotifications({ unreadOnly: true }).data?.unread ?? 0;
  return (
    <Link
      to="/notifications"
      className="gz-bell"
      aria-label={t('inbox.openNotifications', { count: unread })}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined aria-hidden style={{ fontSize: 18 }} />
      </Badge>
    </Link>
  );
}
