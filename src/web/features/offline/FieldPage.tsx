import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Modal, Space, Tag } from 'antd';
import { CloudSyncOutlined, DisconnectOutlined, WifiOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../components/errorMessage.ts';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { removeItem, updateItem, type OutboxItem } from '../../offline/device.ts';
import { deviceEvents, flushOutbox, syncNow } from '../../offline/sync.ts';
import { useDevice, type DeviceState } from '../../offline/useDevice.ts';
import './offline.css';

/** 离线走访: the signal, what waits to be sent (and why a record came back), my households on the phone. */
export function FieldPage() {
  const { t } = useTranslation();
  const device = useDevice();
  return (
    <Page title={t('offline.title')} intro={t('offline.intro')}>
      <SyncStatus device={device} />
      <Card title={<h2 className="gz-section-title">{t('offline.outbox')}</h2>} className="gz-off-card">
        {device.items.length === 0 ? (
          <p className="gz-off-muted">{t('offline.outboxEmpty')}</p>
        ) : (
          <ul className="gz-off-list" aria-label={t('offline.outbox')}>
            {device.items.map((item) => (
              <OutboxRow key={item.key} item={item} />
            ))}
          </ul>
        )}
      </Card>
      <Card title={<h2 className="gz-section-title">{t('offline.households')}</h2>} className="gz-off-card">
        {device.households.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('offline.noHouseholds')} />
        ) : (
          <ul className="gz-off-list">
            {device.households.map((h) => (
              <li key={h.id} className="gz-off-row">
                <Link to={`/field/households/${h.id}`} className="gz-off-link">
                  {t('offline.file.address', {
                    estate: h.estateName,
                    address: `${h.buildingNumber}${h.room}`,
                  })}
                  {' · '}
                  {h.headName}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </Page>
  );
}

/** Online or not, how many records wait, when the phone last reached the server; sync by hand. */
export function SyncStatus({ device }: { device: DeviceState }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatTime = useDateTimeFormat();
  const [syncing, setSyncing] = useState(false);
  const waiting = device.items.filter((i) => i.state !== 'refused').length;
  const sync = async () => {
    setSyncing(true);
    try {
      await syncNow();
    } catch (error) {
      void message.error(t('offline.syncFailed', { message: describeError(t, error) }));
    } finally {
      setSyncing(false);
    }
  };
  return (
    <Card className="gz-off-card gz-off-status" role="status" aria-live="polite">
      <Space wrap size={[12, 8]}>
        {device.online ? (
          <Tag className="gz-status gz-status-on" icon={<WifiOutlined aria-hidden />}>
            {t('offline.online')}
          </Tag>
        ) : (
          <Tag className="gz-status gz-status-off" icon={<DisconnectOutlined aria-hidden />}>
            {t('offline.offline')}
          </Tag>
        )}
        <span data-testid="outbox-waiting">{t('offline.waiting', { n: waiting })}</span>
        <span>
          {device.lastSync
            ? t('offline.lastSync', { time: formatTime(device.lastSync) })
            : t('offline.neverSynced')}
        </span>
        <Button
          icon={<CloudSyncOutlined aria-hidden />}
          disabled={!device.online}
          loading={syncing}
          onClick={() => void sync()}
        >
          {t('offline.syncNow')}
        </Button>
      </Space>
      <p className="gz-off-muted">{t('offline.copyNote')}</p>
    </Card>
  );
}

/** The text a refused record can be fixed in: a visit's summary, a concern, a photo's caption. */
function textOf(item: OutboxItem): string {
  if (item.kind === 'photo') return item.caption ?? '';
  const body = item.body as { summary?: string; content?: string };
  return body.summary ?? body.content ?? '';
}

function withText(item: OutboxItem, text: string): OutboxItem {
  if (item.kind === 'photo') return { ...item, caption: text };
  const field = item.kind === 'visit' ? 'summary' : 'content';
  return { ...item, body: { ...(item.body as object), [field]: text } };
}

function OutboxRow({ item }: { item: OutboxItem }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const formatTime = useDateTimeFormat();
  const [editing, setEditing] = useState<string | null>(null);
  // Sent again under the same key: the server kept nothing of the refusal, so a fixed record is new to it.
  const resend = async (next: OutboxItem) => {
    await updateItem({ ...next, state: 'waiting' });
    deviceEvents.dispatchEvent(new Event('change'));
    void flushOutbox();
  };
  const discard = () =>
    modal.confirm({
      title: t('offline.discardConfirm'),
      okText: t('offline.discard'),
      okButtonProps: { danger: true },
      onOk: async () => {
        await removeItem(item.key);
        deviceEvents.dispatchEvent(new Event('change'));
      },
    });
  return (
    <li className="gz-off-row" data-testid="outbox-item">
      <div>
        <strong>{t(`offline.kind.${item.kind}`)}</strong> · {item.householdLabel}{' '}
        <Tag className={item.state === 'refused' ? 'gz-off-refused' : undefined}>
          {t(`offline.state.${item.state}`)}
        </Tag>
      </div>
      <p className="gz-off-muted">{t('offline.recordedAt', { time: formatTime(item.recordedAt) })}</p>
      {textOf(item) ? <p className="gz-off-text">{textOf(item)}</p> : null}
      {item.reason ? (
        <Alert type="error" showIcon title={t('offline.refusedReason', { reason: item.reason })} />
      ) : null}
      <Space wrap className="gz-off-actions">
        {item.state === 'refused' ? (
          <>
            <Button onClick={() => void resend(item)}>{t('offline.retry')}</Button>
            <Button onClick={() => setEditing(textOf(item))}>{t('offline.edit')}</Button>
          </>
        ) : null}
        <Button danger onClick={discard}>
          {t('offline.discard')}
        </Button>
      </Space>
      <Modal
        open={editing !== null}
        title={t('offline.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => {
          void resend(withText(item, editing ?? ''));
          setEditing(null);
        }}
        destroyOnHidden
      >
        <Input.TextArea
          aria-label={t('offline.edit')}
          rows={4}
          value={editing ?? ''}
          onChange={(e) => setEditing(e.target.value)}
        />
      </Modal>
    </li>
  );
}
