/** Interface strings of notifications and background jobs. */
export const inboxZh = {
  notifications: '通知',
  openNotifications: '通知，{{count}} 条未读',
  empty: '暂无通知',
  markAllRead: '全部标为已读',
  markRead: '标为已读',
  unread: '未读',
  job: {
    queued: '排队中…',
    running: '正在生成 {{done}}/{{total}}',
    done: '已生成',
    failed: '生成失败：{{error}}',
    download: '下载',
  },
};

export const inboxEn: typeof inboxZh = {
  notifications: 'Notifications',
  openNotifications: 'Notifications, {{count}} unread',
  empty: 'No notifications',
  markAllRead: 'Mark all as read',
  markRead: 'Mark as read',
  unread: 'Unread',
  job: {
    queued: 'Queued…',
    running: 'Generating {{done}}/{{total}}',
    done: 'Ready',
    failed: 'Failed: {{error}}',
    download: 'Download',
  },
};
