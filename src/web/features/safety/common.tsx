import { useState } from 'react';
import { Button, Image, Segmented, Space, Tag, Upload } from 'antd';
import { CameraOutlined, ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { hasPermission, useMe } from '../../app/session.ts';
import { describeError } from '../../components/errorMessage.ts';
import { photoUrl, uploadSafetyPhoto, type WorkOrder } from './safety.api.ts';

/** The pages of 平安六防, as one row of tabs: each shown only to who may open it. */
export function SafetyTabs() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = [
    {
      path: '/safety',
      label: t('safety.tabs.board'),
      show: hasPermission(me, ['safety.read', 'safety.handle', 'safety.report']),
    },
    {
      path: '/safety/patrols',
      label: t('safety.tabs.patrols'),
      show: hasPermission(me, ['safety.read', 'safety.handle']),
    },
    { path: '/safety/registers', label: t('safety.tabs.registers'), show: hasPermission(me, 'safety.read') },
    { path: '/safety/figures', label: t('safety.tabs.figures'), show: hasPermission(me, 'safety.read') },
    {
      path: '/safety/settings',
      label: t('safety.tabs.settings'),
      show: hasPermission(me, ['safety.read', 'safety.manage']),
    },
    { path: '/safety/report', label: t('safety.tabs.report'), show: hasPermission(me, 'safety.report') },
  ].filter((x) => x.show);
  if (tabs.length < 2) return null;
  const current =
    [...tabs].sort((a, b) => b.path.length - a.path.length).find((x) => pathname.startsWith(x.path))?.path ??
    '/safety';
  return (
    <nav aria-label={t('safety.nav')} style={{ marginBottom: 16, overflowX: 'auto' }}>
      <Segmented
        aria-label={t('safety.nav')}
        value={current}
        options={tabs.map((x) => ({ value: x.path, label: x.label }))}
        onChange={(v) => void navigate(String(v))}
      />
    </nav>
  );
}

const PRIORITY_COLOR = { urgent: 'red', high: 'orange', normal: 'blue', low: 'default' } as const;

export function PriorityTag({ priority }: { priority: WorkOrder['priority'] }) {
  const { t } = useTranslation();
  return <Tag color={PRIORITY_COLOR[priority]}>{t(`safety.priority.${priority}`)}</Tag>;
}

export function RiskTag({ level }: { level: 'low' | 'medium' | 'high' }) {
  const { t } = useTranslation();
  const color = level === 'high' ? 'red' : level === 'medium' ? 'orange' : 'green';
  return (
    <Tag color={color}>
      {t('safety.registers.risk')}：{t(`safety.risk.${level}`)}
    </Tag>
  );
}

/** Deadline and lateness as words and an icon, never colour alone. */
export function DeadlineBadge({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const open = ['pending', 'dispatched', 'in_progress'].includes(order.status);
  if (!open) return null;
  const due = order.status === 'in_progress' ? order.resolveDueAt : order.acceptDueAt;
  const minutes = Math.round((new Date(due).getTime() - Date.now()) / 60_000);
  const span = Math.abs(minutes);
  const text =
    span < 120
      ? t('safety.board.minutes', { n: span })
      : span < 2880
        ? t('safety.board.hours', { n: Math.round(span / 60) })
        : t('safety.board.days', { n: Math.round(span / 1440) });
  return (
    <Space size={4} wrap>
      {order.overdue ? (
        <Tag color="red" icon={<WarningOutlined aria-hidden />} data-testid="safety-overdue">
          {t('safety.board.overdue')}
          {minutes < 0 ? ` ${text}` : ''}
        </Tag>
      ) : (
        <Tag icon={<ClockCircleOutlined aria-hidden />}>
          {t('safety.board.due')} {text}
        </Tag>
      )}
      {order.escalationLevel > 1 ? (
        <Tag color="volcano">{t('safety.board.level', { level: order.escalationLevel })}</Tag>
      ) : null}
    </Space>
  );
}

/** Take or pick photos on a phone; each is uploaded at once and its id kept. */
export function PhotoPicker({
  value,
  onChange,
  label,
  max = 6,
}: {
  value: number[];
  onChange: (ids: number[]) => void;
  label: string;
  max?: number;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <Space wrap>
        {value.map((id) => (
          <Image key={id} src={photoUrl(id)} width={72} height={72} style={{ objectFit: 'cover' }} alt="" />
        ))}
        {value.length < max ? (
          <Upload
            accept="image/*"
            capture="environment"
            showUploadList={false}
            beforeUpload={async (file) => {
              setBusy(true);
              setError(null);
              try {
                const id = await uploadSafetyPhoto(file);
                onChange([...value, id]);
              } catch (e) {
                setError(describeError(t, e));
              } finally {
                setBusy(false);
              }
              return false;
            }}
          >
            <Button icon={<CameraOutlined aria-hidden />} loading={busy}>
              {busy ? t('safety.order.uploading') : label}
            </Button>
          </Upload>
        ) : null}
      </Space>
      {error ? (
        <div role="alert" style={{ color: '#a8071a', marginTop: 4 }}>
          {error}
        </div>
      ) : null}
    </div>
  );
}
