import { useState } from 'react';
import { App, Button, Card, Checkbox, Empty, Input, Modal, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { describeError } from '../../components/errorMessage.ts';
import { useDateTimeFormat } from '../../components/format.ts';
import { useAcceptance, useCloseDefect, useInspect } from './renewal.api.ts';
import './renewal.css';

export function AcceptanceCard({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const formatDate = useDateTimeFormat();
  const data = useAcceptance(householdId);
  const closeDefect = useCloseDefect();
  const [inspecting, setInspecting] = useState(false);
  const canManage = hasPermission(me, 'construction.manage');
  const a = data.data?.acceptance ?? null;
  return (
    <Card
      title={<h2 className="gz-section-title">{t('renewal.acceptance.title')}</h2>}
      extra={
        canManage ? (
          <Button size="small" onClick={() => setInspecting(true)}>
            {t('renewal.acceptance.inspect')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={data.error} />
      {!a ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('renewal.acceptance.none')} />
      ) : (
        <>
          <Space wrap size={8}>
            <Tag color={a.status === 'passed' ? 'green' : 'orange'}>{t(`renewal.status.${a.status}`)}</Tag>
            <span>{t('renewal.acceptance.drawingVersion', { v: a.drawingVersion })}</span>
            <span className="gz-rn-muted">
              {t('renewal.acceptance.inspectedBy', {
                by: a.inspectedBy ?? '',
                at: formatDate(a.inspectedAt),
              })}
            </span>
          </Space>
          <ul className="gz-rn-checklist">
            {a.checklist.map((c) => (
              <li key={c.item}>
                <span aria-hidden>{c.ok ? '✔' : '✘'}</span> {c.item}
                {c.note ? <span className="gz-rn-muted"> · {c.note}</span> : null}
              </li>
            ))}
            <li>
              <span aria-hidden>{a.beautificationOk ? '✔' : '✘'}</span>{' '}
              {t('renewal.acceptance.beautification')}
            </li>
          </ul>
          {a.defects.length > 0 ? (
            <ul className="gz-rn-items">
              {a.defects.map((d) => (
                <li key={d.id} className="gz-rn-item gz-rn-item-row">
                  <span>
                    <Tag color={d.status === 'open' ? 'orange' : 'green'}>
                      {t(`renewal.status.${d.status}`)}
                    </Tag>
                    {d.description}
                  </span>
                  {canManage && d.status === 'open' ? (
                    <Button
                      size="small"
                      onClick={() =>
                        closeDefect.mutate(d.id, { onError: (e) => void message.error(describeError(t, e)) })
                      }
                    >
                      {t('renewal.acceptance.closeDefect')}
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
      {inspecting && data.data ? (
        <InspectModal
          householdId={householdId}
          standard={data.data.standardChecklist}
          onClose={() => setInspecting(false)}
        />
      ) : null}
    </Card>
  );
}

function InspectModal({
  householdId,
  standard,
  onClose,
}: {
  householdId: number;
  standard: string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const inspect = useInspect(householdId);
  const [ok, setOk] = useState<string[]>([]);
  const [beautification, setBeautification] = useState(false);
  const [defects, setDefects] = useState('');
  return (
    <Modal
      open
      title={t('renewal.acceptance.inspect')}
      okText={t('renewal.plans.save')}
      cancelText={t('common.cancel')}
      confirmLoading={inspect.isPending}
      onOk={() =>
        inspect.mutate(
          {
            checklist: standard.map((item) => ({ item, ok: ok.includes(item) })),
            beautificationOk: beautification,
            defects: defects
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean),
          },
          {
            onSuccess: () => {
              void message.success(t('renewal.acceptance.saved'));
              onClose();
            },
          },
        )
      }
      onCancel={onClose}
      destroyOnHidden
    >
      <div className="gz-rn-subtitle">{t('renewal.acceptance.checklist')}</div>
      <Checkbox.Group
        className="gz-rn-checkgroup"
        value={ok}
        onChange={(v) => setOk(v)}
        options={standard.map((s) => ({ value: s, label: s }))}
      />
      <div>
        <Checkbox checked={beautification} onChange={(e) => setBeautification(e.target.checked)}>
          {t('renewal.acceptance.beautification')}
        </Checkbox>
      </div>
      <Input.TextArea
        className="gz-rn-defects"
        rows={3}
        value={defects}
        onChange={(e) => setDefects(e.target.value)}
        placeholder={t('renewal.acceptance.defects')}
        aria-label={t('renewal.acceptance.defects')}
      />
      <ErrorAlert error={inspect.error} />
    </Modal>
  );
}
