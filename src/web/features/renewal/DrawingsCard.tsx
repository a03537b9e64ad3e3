import { useState } from 'react';
import { App, Button, Card, Empty, Input, Space, Tag } from 'antd';
import { CheckOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { describeError } from '../../components/errorMessage.ts';
import { useDateTimeFormat } from '../../components/format.ts';
import { useDrawings, useRequestDrawingChange, type DrawingSet } from './renewal.api.ts';
import './renewal.css';
import { ConfirmDrawingModal, ConfirmationTag } from './ConfirmModals.tsx';
import { UploadDrawingModal } from './UploadDrawingModal.tsx';

export function drawingHref(d: DrawingSet['drawings'][number]): string {
  return `/api/drawings/${d.id}/file`;
}

export function DrawingsCard({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const formatDate = useDateTimeFormat();
  const drawings = useDrawings(householdId);
  const [uploading, setUploading] = useState(false);
  const [confirming, setConfirming] = useState<number | null>(null);
  const list = [...(drawings.data?.drawings ?? [])].sort((a, b) => b.version - a.version);
  const latest = list[0];
  const requests = drawings.data?.changeRequests ?? [];
  return (
    <Card
      title={<h2 className="gz-section-title">{t('renewal.drawings.title')}</h2>}
      extra={
        hasPermission(me, 'drawing.upload') ? (
          <Button size="small" icon={<UploadOutlined aria-hidden />} onClick={() => setUploading(true)}>
            {t('renewal.drawings.upload')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={drawings.error} />
      {list.length === 0 && !drawings.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('renewal.drawings.none')} />
      ) : (
        <ul className="gz-rn-items">
          {list.map((d) => (
            <li key={d.id} className="gz-rn-item">
              <Space wrap size={8}>
                <strong>{t('renewal.plans.version', { v: d.version })}</strong>
                <a href={drawingHref(d)} target="_blank" rel="noreferrer">
                  {d.fileName}
                </a>
                <ConfirmationTag item={d} />
              </Space>
              <div className="gz-rn-muted">
                {d.uploadedBy ?? ''} · {formatDate(d.createdAt)}
                {d.comment ? ` · ${d.comment}` : ''}
              </div>
              {d === latest &&
              !d.confirmedAt &&
              !requests.some((c) => c.status === 'open') &&
              hasPermission(me, 'drawing.confirm') ? (
                <Button
                  size="small"
                  type="primary"
                  icon={<CheckOutlined aria-hidden />}
                  onClick={() => setConfirming(d.version)}
                >
                  {t('renewal.drawings.confirm')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {requests.length > 0 ? (
        <>
          <h3 className="gz-rn-subtitle">{t('renewal.drawings.changeRequests')}</h3>
          <ul className="gz-rn-items">
            {requests.map((c) => (
              <li key={c.id} className="gz-rn-item">
                <Tag color={c.status === 'open' ? 'orange' : 'green'}>
                  {c.status === 'open'
                    ? t('renewal.status.open')
                    : t('renewal.drawings.answeredBy', { v: c.answeredByVersion ?? '' })}
                </Tag>
                {c.content}
                <div className="gz-rn-muted">
                  {c.requestedBy ?? ''} · {formatDate(c.createdAt)}
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {hasPermission(me, 'drawing.request_change') && latest ? (
        <ChangeRequestForm householdId={householdId} />
      ) : null}
      {confirming !== null ? (
        <ConfirmDrawingModal
          householdId={householdId}
          version={confirming}
          onClose={() => setConfirming(null)}
        />
      ) : null}
      {uploading ? (
        <UploadDrawingModal
          householdId={householdId}
          openRequests={requests.filter((c) => c.status === 'open')}
          onClose={() => setUploading(false)}
        />
      ) : null}
    </Card>
  );
}

/** A resident's (or staff's) request to change the latest drawing. */
function ChangeRequestForm({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const requestChange = useRequestDrawingChange(householdId);
  const [changeText, setChangeText] = useState('');
  return (
    <Space.Compact className="gz-rn-change">
      <Input
        value={changeText}
        onChange={(e) => setChangeText(e.target.value)}
        maxLength={2000}
        placeholder={t('renewal.drawings.changeContent')}
        aria-label={t('renewal.drawings.changeContent')}
      />
      <Button
        disabled={!changeText.trim()}
        loading={requestChange.isPending}
        onClick={() =>
          requestChange.mutate(changeText.trim(), {
            onSuccess: () => {
              setChangeText('');
              void message.success(t('renewal.drawings.changeSent'));
            },
            onError: (e) => void message.error(describeError(t, e)),
          })
        }
      >
        {t('renewal.drawings.requestChange')}
      </Button>
    </Space.Compact>
  );
}
