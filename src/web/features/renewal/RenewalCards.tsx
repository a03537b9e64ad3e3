import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Collapse,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import {
  CheckOutlined,
  FilePdfOutlined,
  PlusOutlined,
  PrinterOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { describeError } from '../../components/errorMessage.ts';
import { useDateTimeFormat } from '../../components/format.ts';
import { uploadForm } from '../households/transfer.ts';
import {
  useAcceptance,
  useAfterUpload,
  useCloseDefect,
  useConfirmDrawing,
  useConfirmPlan,
  useDrawings,
  useHouseholdRounds,
  useInspect,
  usePlans,
  useRequestDrawingChange,
  type DrawingSet,
  type Plan,
} from './renewal.api.ts';
import { DecisionTag, postDownload, RoundKindTag } from './shared.tsx';
import { AllowancesTable, PlanModal } from './PlanAllowances.tsx';
import './renewal.css';

/** The renewal part of one household's file: plan, drawing, rounds, acceptance, activation letter. */
export function RenewalCards({ householdId }: { householdId: number }) {
  const me = useMe();
  return (
    <Space orientation="vertical" size={16} className="gz-rn-stack">
      <PlansCard householdId={householdId} />
      <DrawingsCard householdId={householdId} />
      <HouseholdRoundsCard householdId={householdId} />
      <AcceptanceCard householdId={householdId} />
      {hasPermission(me, 'resident.activate') ? <ActivationLetterCard householdId={householdId} /> : null}
    </Space>
  );
}

// ---- plans ---------------------------------------------------------------------------------------

function PlanDetails({ plan: p }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'layout',
            label: t('renewal.plans.layout'),
            children: `${p.layoutOption.code} ${p.layoutOption.name}`,
          },
          { key: 'area', label: t('renewal.plans.addedArea'), children: `${p.addedArea} m²` },
          {
            key: 'transition',
            label: t('renewal.plans.transition'),
            children: t(`renewal.transition.${p.transition}`),
          },
          ...(p.specialNeeds
            ? [
                {
                  key: 'needs',
                  label: t('renewal.plans.specialNeeds'),
                  children: p.specialNeeds,
                  span: 'filled' as const,
                },
              ]
            : []),
        ]}
      />
      <AllowancesTable plan={p} />
    </>
  );
}

/** Who confirmed a plan or drawing version, how and when, and the staff witness of a paper one. */
function ConfirmationTag({ item }: { item: Plan | DrawingSet['drawings'][number] }) {
  const { t } = useTranslation();
  const formatDate = useDateTimeFormat();
  return item.confirmedAt ? (
    <Tag color="green">
      {t('renewal.plans.confirmed')} ·{' '}
      {t('renewal.plans.confirmedBy', {
        by: item.confirmedBy ?? '',
        at: formatDate(item.confirmedAt),
        method: item.confirmMethod ? t(`renewal.method.${item.confirmMethod}`) : '',
      })}
      {item.confirmWitness ? ` · ${t('renewal.plans.witness', { name: item.confirmWitness })}` : ''}
    </Tag>
  ) : (
    <Tag color="gold">{t('renewal.plans.waiting')}</Tag>
  );
}

function PlansCard({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const plans = usePlans(householdId);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<number | null>(null);
  const items = [...(plans.data?.items ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Card
      title={<h2 className="gz-section-title">{t('renewal.plans.title')}</h2>}
      extra={
        hasPermission(me, 'plan.write') ? (
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(true)}>
            {t('renewal.plans.newVersion')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={plans.error} />
      {items.length === 0 && !plans.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('renewal.plans.none')} />
      ) : (
        <Collapse
          key={items.length}
          defaultActiveKey={items[0] ? [String(items[0].version)] : []}
          items={items.map((p) => ({
            key: String(p.version),
            label: (
              <Space wrap size={8}>
                <strong>{t('renewal.plans.version', { v: p.version })}</strong>
                <ConfirmationTag item={p} />
              </Space>
            ),
            children: (
              <>
                <PlanDetails plan={p} />
                <Space wrap className="gz-rn-actions">
                  <Button
                    size="small"
                    icon={<FilePdfOutlined aria-hidden />}
                    href={`/api/households/${householdId}/plans/${p.version}/pdf`}
                    target="_blank"
                  >
                    {t('renewal.plans.pdf')}
                  </Button>
                  {!p.confirmedAt && hasPermission(me, 'plan.confirm') ? (
                    <Button size="small" type="primary" onClick={() => setConfirming(p.version)}>
                      {t('renewal.plans.confirm')}
                    </Button>
                  ) : null}
                </Space>
              </>
            ),
          }))}
        />
      )}
      {editing ? (
        <PlanModal householdId={householdId} latest={items[0]} onClose={() => setEditing(false)} />
      ) : null}
      {confirming !== null ? (
        <ConfirmPlanModal
          householdId={householdId}
          version={confirming}
          onClose={() => setConfirming(null)}
        />
      ) : null}
    </Card>
  );
}

type ConfirmValues = { method: 'online' | 'paper' | 'in_person'; by?: string };

/**
 * Confirming a plan or drawing version: a resident confirms online; staff record a paper or in-person
 * confirmation, naming who confirmed (they stand as witness).
 */
function ConfirmModal({
  householdId,
  title,
  okText,
  mutation,
  onClose,
}: {
  householdId: number;
  title: string;
  okText: string;
  mutation: {
    mutate: (body: { method: ConfirmValues['method']; by?: string }, opts: { onSuccess: () => void }) => void;
    isPending: boolean;
    error: unknown;
  };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const staff = me.householdId !== householdId;
  const [form] = Form.useForm<ConfirmValues>();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="confirm-version"
        initialValues={{ method: staff ? 'paper' : 'online' }}
        onFinish={(v) =>
          mutation.mutate(
            { method: v.method, ...(v.by?.trim() ? { by: v.by.trim() } : {}) },
            { onSuccess: onClose },
          )
        }
      >
        <Form.Item name="method" label={t('renewal.plans.confirmAs')}>
          <Select
            options={(staff ? (['paper', 'in_person'] as const) : (['online'] as const)).map((m) => ({
              value: m,
              label: t(`renewal.method.${m}`),
            }))}
          />
        </Form.Item>
        {staff ? (
          <Form.Item name="by" label={t('renewal.plans.confirmBy')} extra={t('renewal.plans.witnessHint')}>
            <Input maxLength={50} />
          </Form.Item>
        ) : null}
      </Form>
      <ErrorAlert error={mutation.error} />
    </Modal>
  );
}

function ConfirmPlanModal(props: { householdId: number; version: number; onClose: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirmPlan(props.householdId);
  return (
    <ConfirmModal
      {...props}
      title={`${t('renewal.plans.confirm')} · ${t('renewal.plans.version', { v: props.version })}`}
      okText={t('renewal.plans.confirm')}
      mutation={{
        ...confirm,
        mutate: (body, opts) => confirm.mutate({ version: props.version, body }, opts),
      }}
    />
  );
}

function ConfirmDrawingModal(props: { householdId: number; version: number; onClose: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirmDrawing(props.householdId);
  return (
    <ConfirmModal
      {...props}
      title={`${t('renewal.drawings.confirm')} · ${t('renewal.plans.version', { v: props.version })}`}
      okText={t('renewal.drawings.confirm')}
      mutation={{
        ...confirm,
        mutate: (body, opts) => confirm.mutate({ version: props.version, body }, opts),
      }}
    />
  );
}

// ---- drawings ------------------------------------------------------------------------------------

export function drawingHref(d: DrawingSet['drawings'][number]): string {
  return `/api/drawings/${d.id}/file`;
}

function DrawingsCard({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const formatDate = useDateTimeFormat();
  const drawings = useDrawings(householdId);
  const requestChange = useRequestDrawingChange(householdId);
  const [uploading, setUploading] = useState(false);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [changeText, setChangeText] = useState('');
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

function UploadDrawingModal({
  householdId,
  openRequests,
  onClose,
}: {
  householdId: number;
  openRequests: DrawingSet['changeRequests'];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const afterUpload = useAfterUpload();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [comment, setComment] = useState('');
  const [changeRequestId, setChangeRequestId] = useState<number | undefined>(undefined);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const file = files[0]?.originFileObj;
    if (!file) {
      setError(null);
      void message.warning(t('renewal.drawings.pickFile'));
      return;
    }
    const body = new FormData();
    if (comment.trim()) body.append('comment', comment.trim());
    if (changeRequestId !== undefined) body.append('changeRequestId', String(changeRequestId));
    body.append('file', file, file.name);
    setPercent(0);
    try {
      await uploadForm<DrawingSet>(`/households/${householdId}/drawings`, body, setPercent, () => {}).promise;
      await afterUpload();
      void message.success(t('renewal.drawings.uploaded'));
      onClose();
    } catch (e) {
      setError(e);
      setPercent(null);
    }
  };
  return (
    <Modal
      open
      title={t('renewal.drawings.upload')}
      okText={t('renewal.drawings.upload')}
      cancelText={t('common.cancel')}
      confirmLoading={percent !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} className="gz-rn-stack">
        <Upload
          accept=".pdf,.png,.jpg,.jpeg,.dwg"
          maxCount={1}
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList.slice(-1))}
        >
          <Button icon={<UploadOutlined aria-hidden />}>{t('renewal.drawings.uploadFile')}</Button>
        </Upload>
        <Input.TextArea
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('renewal.drawings.comment')}
          aria-label={t('renewal.drawings.comment')}
        />
        {openRequests.length > 0 ? (
          <Select
            allowClear
            value={changeRequestId}
            onChange={setChangeRequestId}
            placeholder={t('renewal.drawings.changeRequest')}
            aria-label={t('renewal.drawings.changeRequest')}
            options={openRequests.map((c) => ({ value: c.id, label: c.content }))}
          />
        ) : null}
        {percent !== null ? <span>{percent}%</span> : null}
        <ErrorAlert error={error} />
      </Space>
    </Modal>
  );
}

// ---- rounds of the household -----------------------------------------------------------------------

function HouseholdRoundsCard({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const me = useMe();
  const rounds = useHouseholdRounds(householdId);
  const formatDate = useDateTimeFormat();
  const canRead = hasPermission(me, 'round.read');
  return (
    <Card title={<h2 className="gz-section-title">{t('renewal.householdRounds.title')}</h2>}>
      <ErrorAlert error={rounds.error} />
      {(rounds.data ?? []).length === 0 && !rounds.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('renewal.householdRounds.none')} />
      ) : (
        <ul className="gz-rn-items">
          {(rounds.data ?? []).map((r) => (
            <li key={r.roundId} className="gz-rn-item">
              <Space wrap size={8}>
                <RoundKindTag kind={r.kind} />
                <Link to={canRead ? `/rounds/${r.roundId}` : `/rounds/${r.roundId}/board`}>{r.title}</Link>
                <DecisionTag decision={r.decision} />
              </Space>
              <div className="gz-rn-muted">
                {r.respondedAt ? formatDate(r.respondedAt) : ''}
                {r.effectiveAt
                  ? ` · ${t('renewal.round.effectiveAt', { time: formatDate(r.effectiveAt) })}`
                  : ''}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

// ---- acceptance --------------------------------------------------------------------------------------

function AcceptanceCard({ householdId }: { householdId: number }) {
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

// ---- activation letter -----------------------------------------------------------------------------

function ActivationLetterCard({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Card size="small">
      <Button
        icon={<PrinterOutlined aria-hidden />}
        loading={busy}
        onClick={() => {
          setBusy(true);
          postDownload(
            '/activation-letters',
            { householdIds: [householdId] },
            `入户通知单-${householdId}.pdf`,
          )
            .then(
              () => void message.success(t('renewal.activation.printed')),
              (e: unknown) => void message.error(describeError(t, e)),
            )
            .finally(() => setBusy(false));
        }}
      >
        {t('renewal.activation.print')}
      </Button>
    </Card>
  );
}
