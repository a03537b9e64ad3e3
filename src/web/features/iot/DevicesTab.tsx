import { useId, useState } from 'react';
import { App as AntApp, Button, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { DeviceKinds } from '../../../contract/iot.kinds.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { useKindLabel } from './common.tsx';
import { DeviceDrawer } from './DeviceDrawer.tsx';
import {
  useDevices,
  useRotateSecret,
  useUpdateDevice,
  type Device,
  type DeviceKind,
  type WebhookSecret,
} from './iot.api.ts';
import './iot.css';
import { CreateDeviceModal } from './CreateDeviceModal.tsx';

function SecretModal({ secret, onClose }: { secret: WebhookSecret | null; onClose: () => void }) {
  const { t } = useTranslation();
  const url = secret ? `${window.location.origin}${secret.webhookUrl}` : '';
  return (
    <Modal
      open={secret !== null}
      title={t('iot.devices.secretTitle')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ hidden: true }}
    >
      <p>{t('iot.devices.secretHelp')}</p>
      <p className="gz-iot-secret">{url}</p>
      <p className="gz-iot-secret">{secret?.webhookSecret}</p>
      {secret ? <CopyButton text={secret.webhookSecret} label={t('iot.devices.secretTitle')} /> : null}
    </Modal>
  );
}

export function DevicesTab() {
  const { t } = useTranslation();
  const fmt = useDateTimeFormat();
  const kindLabel = useKindLabel();
  const me = useMe();
  const { modal } = AntApp.useApp();
  const canManage = hasPermission(me, 'safety.manage');
  const [kind, setKind] = useState<DeviceKind | undefined>();
  const [q, setQ] = useState('');
  const devices = useDevices({ ...(kind ? { kind } : {}), ...(q ? { q } : {}) });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<WebhookSecret | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const rotate = useRotateSecret();
  const update = useUpdateDevice();
  const searchId = useId();
  return (
    <>
      <div className="gz-toolbar">
        <label htmlFor={searchId} className="gz-toolbar-label">
          {t('iot.devices.search')}
        </label>
        <Input.Search id={searchId} allowClear className="gz-iot-select" onSearch={setQ} />
        <Select
          allowClear
          aria-label={t('iot.live.filterKind')}
          placeholder={t('iot.live.filterKind')}
          className="gz-iot-select"
          value={kind}
          onChange={(v?: DeviceKind) => setKind(v)}
          options={DeviceKinds.map((k) => ({ value: k, label: kindLabel(k) }))}
        />
        {canManage ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('iot.devices.add')}
          </Button>
        ) : null}
      </div>
      <ErrorAlert error={devices.error ?? rotate.error ?? update.error} title={t('errors.loadFailed')} />
      <Table<Device>
        rowKey="id"
        size="small"
        loading={devices.isPending}
        dataSource={devices.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('iot.device.code'),
            dataIndex: 'code',
            render: (code: string, d) => (
              <button type="button" className="gz-iot-link" onClick={() => setOpen(d.id)}>
                {code}
              </button>
            ),
          },
          { title: t('iot.device.name'), dataIndex: 'name' },
          { title: t('iot.device.kind'), dataIndex: 'kind', render: (k: DeviceKind) => kindLabel(k) },
          {
            title: t('iot.device.place'),
            render: (_: unknown, d) =>
              [d.buildingNumber, d.householdLabel, d.placeName].filter(Boolean).join(' · ') || '—',
          },
          {
            title: t('iot.device.status'),
            render: (_: unknown, d) =>
              !d.enabled ? (
                <Tag>{t('iot.state.disabled')}</Tag>
              ) : d.openAlarms > 0 ? (
                <Tag color="red">{t('iot.state.alarm')}</Tag>
              ) : d.online ? (
                <Tag color="blue">{t('iot.state.online')}</Tag>
              ) : (
                <Tag>{t('iot.state.offline')}</Tag>
              ),
          },
          { title: t('iot.device.lastSeen'), dataIndex: 'lastSeenAt', render: (v: string | null) => fmt(v) },
          { title: t('iot.device.messages'), dataIndex: 'messages', align: 'right' },
          { title: t('iot.device.malformed'), dataIndex: 'malformed', align: 'right' },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (_: unknown, d: Device) => (
                    <Space>
                      {d.hasWebhook ? (
                        <Button
                          size="small"
                          onClick={() =>
                            void modal.confirm({
                              title: t('iot.devices.rotate'),
                              content: t('iot.devices.rotateConfirm'),
                              onOk: () => rotate.mutateAsync(d.id).then(setSecret),
                            })
                          }
                        >
                          {t('iot.devices.rotate')}
                        </Button>
                      ) : null}
                      <Button size="small" onClick={() => update.mutate({ id: d.id, enabled: !d.enabled })}>
                        {d.enabled ? t('iot.device.disable') : t('iot.device.enable')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CreateDeviceModal open={creating} onClose={() => setCreating(false)} onSecret={setSecret} />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
      <DeviceDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
