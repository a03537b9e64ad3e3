import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/errorMessage.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useSetMapStatus, type MapDetail } from './opinion.api.ts';

/**
 * Whether the map takes votes, for everyone to see; staff who manage close or reopen it after a
 * confirmation (closing stops residents' votes and paper cards at once, so it must not be a slip).
 */
export function MapStatusControl({ map, mayManage }: { map: MapDetail; mayManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const setStatus = useSetMapStatus(map.id);
  const open = map.status === 'open';
  // the status tag beside the button is the feedback; only a failure needs a message
  const toggle = () =>
    setStatus
      .mutateAsync(open ? 'closed' : 'open')
      .catch((e: unknown) => void message.error(describeError(t, e)));
  return (
    <Space wrap>
      <span data-testid="opinion-map-status">
        {t('opinion.manage.state')}：
        <StatusTag tone={open ? 'on' : 'off'}>{t(`opinion.status.${map.status}`)}</StatusTag>
      </span>
      {mayManage ? (
        <Popconfirm
          title={t(open ? 'opinion.manage.closeConfirm' : 'opinion.manage.reopenConfirm')}
          okText={t(open ? 'opinion.manage.close' : 'opinion.manage.reopen')}
          cancelText={t('common.cancel')}
          onConfirm={toggle}
        >
          <Button danger={open} loading={setStatus.isPending}>
            {t(open ? 'opinion.manage.close' : 'opinion.manage.reopen')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}
