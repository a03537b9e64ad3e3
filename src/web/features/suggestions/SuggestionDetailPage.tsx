import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Rate,
  Select,
  Space,
  Steps,
  Tag,
  Timeline,
} from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RedirectTargets } from '../../../contract/suggestions.ts';
import type { Role } from '../../../contract/permissions.ts';
import { hasPermission, useMe } from '../../app/session.ts';
import { roleLabel } from '../../i18n/labels.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { SubmitToCouncil } from '../council/SubmitToCouncil.tsx';
import { channelLabel, redirectLabel, statusLabel } from './labels.ts';
import {
  useHandlingUnits,
  useStaffOptions,
  useStep,
  useSuggestion,
  type StepAction,
  type SuggestionDetail,
} from './suggestions.api.ts';
import './suggestions.css';
import { NumberInput } from '../../components/NumberInput.tsx';

const FLOW = ['registered', 'accepted', 'assigned', 'handled', 'answered'] as const;

/** One suggestion: where it stands, the answer, and (for staff) the next handling step. */
export function SuggestionDetailPage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useDateTimeFormat();
  const id = Number(useParams().id);
  const query = useSuggestion(Number.isFinite(id) ? id : null);
  const s = query.data;
  const staff = hasPermission(me, 'suggestion.handle');

  return (
    <div className={staff ? undefined : 'gz-resident'}>
      <Page
        title={s ? s.subject : t('suggestions.detail.title')}
        actions={s ? <SubmitToCouncil source="suggestion" id={s.id} what={s.subject} /> : null}
      >
        <p>
          <Link to={staff ? '/suggestions' : '/suggest'}>{t('suggestions.detail.back')}</Link>
        </p>
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
        {s ? (
          <>
            <StatusSteps s={s} />
            {s.overdue ? (
              <Alert
                type="error"
                showIcon
                icon={<WarningOutlined aria-hidden />}
                title={t('suggestions.detail.overdue', { date: format(s.dueAt) })}
              />
            ) : null}
            <Card style={{ marginTop: 16 }}>
              <Descriptions
                column={1}
                items={[
                  { key: 'reason', label: t('suggestions.field.reason'), children: s.reason },
                  { key: 'proposal', label: t('suggestions.field.proposal'), children: s.proposal },
                  {
                    key: 'who',
                    label: t('suggestions.field.proposerName'),
                    children: `${s.proposerName}${s.proposerPhone ? ` · ${s.proposerPhone}` : ''}`,
                  },
                  {
                    key: 'channel',
                    label: t('suggestions.field.channel'),
                    children: `${channelLabel(t, s.channel)}${s.pointName ? ` · ${s.pointName}` : ''}`,
                  },
                  ...(s.topicSubject
                    ? [{ key: 'topic', label: t('suggestions.field.topic'), children: s.topicSubject }]
                    : []),
                  { key: 'at', label: t('suggestions.field.createdAt'), children: format(s.createdAt) },
                  ...(s.dueAt
                    ? [{ key: 'due', label: t('suggestions.field.dueAt'), children: format(s.dueAt) }]
                    : []),
                  ...(s.assigneeDepartment
                    ? [
                        {
                          key: 'dept',
                          label: t('suggestions.field.department'),
                          children: s.assigneeDepartment,
                        },
                      ]
                    : []),
                  ...(s.handlingNote
                    ? [{ key: 'note', label: t('suggestions.field.handlingNote'), children: s.handlingNote }]
                    : []),
                ]}
              />
              {s.attachments.map((a) => (
                <img
                  key={a.id}
                  className="gz-sg-photo"
                  src={`/api/suggestions/${s.id}/attachments/${a.id}`}
                  alt={t('suggestions.detail.photo', { name: a.name })}
                />
              ))}
            </Card>
            <Outcome s={s} />
            {s.mine && s.status === 'answered' && s.rating === null ? <RateForm id={s.id} /> : null}
            {s.rating ? (
              <p>
                {t('suggestions.detail.yourRating', { n: s.rating })} {s.ratingComment}
              </p>
            ) : null}
            {staff ? <StaffActions s={s} /> : null}
            <Card
              title={<h2 className="gz-section-title">{t('suggestions.detail.history')}</h2>}
              style={{ marginTop: 16 }}
            >
              <Timeline
                items={s.events.map((e, i) => ({
                  key: i,
                  children: (
                    <>
                      {format(e.createdAt)} · {statusLabel(t, e.toStatus)}
                      {e.onTime === false ? (
                        <Tag className="gz-sg-overdue">{t('suggestions.detail.late')}</Tag>
                      ) : null}
                      {e.actorName ? ` · ${e.actorName}` : ''}
                      {e.note ? ` · ${e.note}` : ''}
                    </>
                  ),
                }))}
              />
            </Card>
          </>
        ) : null}
      </Page>
    </div>
  );
}

function StatusSteps({ s }: { s: SuggestionDetail }) {
  const { t } = useTranslation();
  if (s.status === 'redirected' || s.status === 'merged')
    return <Tag style={{ fontSize: 18, padding: 8 }}>{statusLabel(t, s.status)}</Tag>;
  const current = FLOW.indexOf(s.status);
  return (
    <Steps
      current={current}
      responsive
      items={FLOW.map((status) => ({ title: statusLabel(t, status) }))}
      aria-label={t('suggestions.detail.progress', { status: statusLabel(t, s.status) })}
    />
  );
}

function Outcome({ s }: { s: SuggestionDetail }) {
  const { t } = useTranslation();
  const format = useDateTimeFormat();
  return (
    <>
      {s.redirectTarget ? (
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          showIcon
          title={t('suggestions.detail.redirected', { target: redirectLabel(t, s.redirectTarget) })}
          description={s.redirectReason}
        />
      ) : null}
      {s.mergedInto ? (
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          showIcon
          title={t('suggestions.detail.merged', {
            subject: s.mergedInto.subject,
            status: statusLabel(t, s.mergedInto.status),
          })}
          description={s.mergedInto.answer}
        />
      ) : null}
      {s.answer ? (
        <Card
          style={{ marginTop: 16 }}
          title={<h2 className="gz-section-title">{t('suggestions.detail.answer')}</h2>}
        >
          <p>{s.answer}</p>
          <p className="gz-sg-meta">{format(s.answeredAt)}</p>
        </Card>
      ) : null}
      {s.reply ? (
        <Card style={{ marginTop: 16 }} title={<h2 className="gz-section-title">{s.reply.title}</h2>}>
          <p>{s.reply.body}</p>
          <p className="gz-sg-meta">{format(s.reply.publishedAt)}</p>
        </Card>
      ) : null}
      {s.projects.length > 0 ? (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          title={t('suggestions.detail.becameProject', { names: s.projects.map((p) => p.name).join('、') })}
        />
      ) : null}
    </>
  );
}

function RateForm({ id }: { id: number }) {
  const { t } = useTranslation();
  const step = useStep();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  return (
    <Card
      style={{ marginTop: 16 }}
      title={<h2 className="gz-section-title">{t('suggestions.detail.rateTitle')}</h2>}
    >
      <p id="sg-rate-label">{t('suggestions.detail.rateHint')}</p>
      <Space wrap size="middle">
        {[1, 2, 3, 4, 5].map((n) => (
          <Button
            key={n}
            size="large"
            type={rating === n ? 'primary' : 'default'}
            aria-pressed={rating === n}
            onClick={() => setRating(n)}
          >
            {t('suggestions.detail.stars', { n })}
          </Button>
        ))}
      </Space>
      <div aria-hidden style={{ margin: '8px 0' }}>
        <Rate disabled value={rating} />
      </div>
      <Input.TextArea
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        aria-label={t('suggestions.detail.rateComment')}
        placeholder={t('suggestions.detail.rateComment')}
        maxLength={1000}
      />
      <ErrorAlert error={step.error} />
      <Button
        style={{ marginTop: 12 }}
        type="primary"
        size="large"
        disabled={rating === 0}
        loading={step.isPending}
        onClick={() =>
          step.mutate({ id, action: 'rate', body: { rating, ...(comment.trim() ? { comment } : {}) } })
        }
      >
        {t('suggestions.detail.rateSend')}
      </Button>
    </Card>
  );
}

/** The next handling step for staff; only steps the current status allows are offered. */
function StaffActions({ s }: { s: SuggestionDetail }) {
  const { t } = useTranslation();
  const step = useStep();
  const [form] = Form.useForm<Record<string, unknown>>();
  const offers: StepAction[] = [];
  if (s.status === 'registered') offers.push('accept', 'redirect', 'merge');
  if (s.status === 'accepted') offers.push('assign', 'answer', 'redirect', 'merge');
  if (s.status === 'assigned') offers.push('handle', 'answer', 'assign', 'merge');
  if (s.status === 'handled') offers.push('answer');
  const [action, setAction] = useState<StepAction | null>(offers[0] ?? null);
  if (offers.length === 0) return null;
  const run = (values: Record<string, unknown>) =>
    action && step.mutate({ id: s.id, action, body: values }, { onSuccess: () => form.resetFields() });
  return (
    <Card
      style={{ marginTop: 16 }}
      title={<h2 className="gz-section-title">{t('suggestions.staff.nextStep')}</h2>}
    >
      {s.redirectHint ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('suggestions.staff.hint', { target: redirectLabel(t, s.redirectHint.target) })}
          description={s.redirectHint.reason}
        />
      ) : null}
      <Space wrap style={{ marginBottom: 12 }}>
        {offers.map((a) => (
          <Button
            key={a}
            type={a === action ? 'primary' : 'default'}
            aria-pressed={a === action}
            onClick={() => setAction(a)}
          >
            {t(`suggestions.action.${a as Exclude<StepAction, 'rate'>}`)}
          </Button>
        ))}
      </Space>
      <Form form={form} layout="vertical" onFinish={run} key={action}>
        {action === 'accept' ? (
          <Form.Item name="note" label={t('suggestions.staff.note')}>
            <Input />
          </Form.Item>
        ) : null}
        {action === 'assign' ? <AssignFields /> : null}
        {action === 'handle' ? (
          <>
            <Form.Item name="note" label={t('suggestions.field.handlingNote')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="adopted" label={t('suggestions.staff.adopted')} initialValue={false}>
              <Select
                options={[
                  { value: true, label: t('common.yes') },
                  { value: false, label: t('common.no') },
                ]}
              />
            </Form.Item>
          </>
        ) : null}
        {action === 'answer' ? (
          <Form.Item
            name="answer"
            label={t('suggestions.detail.answer')}
            rules={[{ required: true, min: 2 }]}
          >
            <Input.TextArea rows={4} />
          </Form.Item>
        ) : null}
        {action === 'redirect' ? (
          <>
            <Form.Item
              name="target"
              label={t('suggestions.staff.target')}
              rules={[{ required: true }]}
              initialValue={s.redirectHint?.target}
            >
              <Select options={RedirectTargets.map((x) => ({ value: x, label: redirectLabel(t, x) }))} />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('suggestions.staff.reason')}
              rules={[{ required: true, min: 2 }]}
              initialValue={s.redirectHint?.reason}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        {action === 'merge' ? (
          <Form.Item name="intoId" label={t('suggestions.staff.intoId')} rules={[{ required: true }]}>
            <NumberInput min={1} />
          </Form.Item>
        ) : null}
        <ErrorAlert error={step.error} />
        <Button type="primary" htmlType="submit" loading={step.isPending}>
          {t('common.confirm')}
        </Button>
      </Form>
    </Card>
  );
}

/** 交办: one of the street's handling units (picked, never typed) and, optionally, the staff member. */
function AssignFields() {
  const { t } = useTranslation();
  const me = useMe();
  const canList = hasPermission(me, 'estate.read');
  const staff = useStaffOptions(canList);
  const units = useHandlingUnits();
  return (
    <>
      <Form.Item
        name="unitId"
        label={t('suggestions.field.department')}
        rules={[{ required: true, message: t('suggestions.units.pick') }]}
        extra={t('suggestions.units.manageHint')}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={units.isLoading}
          placeholder={t('suggestions.units.pick')}
          notFoundContent={t('suggestions.units.none')}
          options={(units.data?.items ?? [])
            .filter((u) => u.active)
            .map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <ErrorAlert error={units.error} />
      {canList ? (
        <Form.Item
          name="assigneeUserId"
          label={t('suggestions.staff.assignee')}
          extra={t('suggestions.staff.assigneeHint')}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={staff.isLoading}
            options={(staff.data?.items ?? []).map((u) => ({
              value: u.id,
              label: `${u.name}（${roleLabel(t, u.role as Role)}）`,
            }))}
          />
        </Form.Item>
      ) : null}
      <ErrorAlert error={staff.error} />
      <Form.Item name="note" label={t('suggestions.staff.note')}>
        <Input />
      </Form.Item>
    </>
  );
}
