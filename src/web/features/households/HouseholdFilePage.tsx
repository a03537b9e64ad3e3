import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Space,
  Timeline,
} from 'antd';
import { EyeOutlined, PlusOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { timelineTitle } from '../../i18n/modules/timeline.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { describeError } from '../../components/errorMessage.ts';
import { useDateTimeFormat } from '../../components/format.ts';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import { HouseholdRelocationCard } from '../relocation/HouseholdRelocationCard.tsx';
import { RenewalCards } from '../renewal/RenewalCards.tsx';
import { ConcernsCard } from './ConcernsCard.tsx';
import { EditProfileModal } from './EditProfileModal.tsx';
import { householdAddress } from './HouseholdsPage.tsx';
import { useHousehold, useRevealId, useUnassign, type HouseholdFile } from './households.api.ts';
import { FlagTags, FollowUp, StageTag } from './labels.tsx';
import { MembersCard } from './MembersCard.tsx';
import { VisitsCard } from './VisitsCard.tsx';
import './households.css';

/** 一户一档: the whole file of one household; only the actions this viewer may take are shown. */
export function HouseholdFilePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const file = useHousehold(id);

  if (file.isPending) return <FullPageSpin />;
  if (file.error || !file.data) {
    return (
      <Page title={t('households.file.title')}>
        <ErrorAlert error={file.error} title={t('errors.loadFailed')} onRetry={() => void file.refetch()} />
      </Page>
    );
  }
  const h = file.data;
  return (
    <Page
      title={t('households.file.heading', { address: householdAddress(h), name: h.headName })}
      intro={
        <span className="gz-hh-intro-line">
          <span>{h.estateName}</span>
          <StageTag stage={h.stage} />
          <Link to={`/estates/${h.estateId}/map`}>{t('households.file.onMap')}</Link>
        </span>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} className="gz-hh-stack">
            <ProfileCard file={h} />
            <MembersCard file={h} />
            <ConcernsCard file={h} />
            <VisitsCard file={h} />
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} className="gz-hh-stack">
            <AssigneesCard file={h} />
            <TimelineCard file={h} />
            <RenewalCards householdId={h.id} />
            <HouseholdRelocationCard householdId={h.id} />
          </Space>
        </Col>
      </Row>
    </Page>
  );
}

function ProfileCard({ file: h }: { file: HouseholdFile }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [revealing, setRevealing] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const none = t('common.none');
  const num = (v: number | null, unit = '') => (v === null ? none : `${v}${unit}`);
  return (
    <Card
      title={<h2 className="gz-section-title">{t('households.file.profile')}</h2>}
      extra={
        h.actions.edit ? (
          <Button size="small" onClick={() => setEditing(true)}>
            {t('households.file.editProfile')}
          </Button>
        ) : null
      }
    >
      <Descriptions
        column={{ xs: 1, sm: 2 }}
        size="small"
        items={[
          {
            key: 'address',
            label: t('households.fields.address'),
            children: `${h.estateName} ${householdAddress(h)}`,
          },
          { key: 'head', label: t('households.fields.head'), children: h.headName },
          {
            key: 'phone',
            label: t('households.fields.phone'),
            children: <span className="gz-mono">{h.phone ?? none}</span>,
          },
          {
            key: 'id',
            label: t('households.fields.idNumber'),
            children: (
              <Space wrap size={4}>
                <span className="gz-mono">{revealed ?? h.idNumber ?? none}</span>
                {h.actions.revealId && revealed === null ? (
                  <Button size="small" icon={<EyeOutlined aria-hidden />} onClick={() => setRevealing(true)}>
                    {t('households.file.revealId')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
          {
            key: 'registered',
            label: t('households.fields.registeredCount'),
            children: num(h.registeredCount),
          },
          { key: 'resident', label: t('households.fields.residentCount'), children: num(h.residentCount) },
          {
            key: 'areaBuilding',
            label: t('households.fields.areaBuilding'),
            children: num(h.areaBuilding, ' m²'),
          },
          { key: 'areaUsable', label: t('households.fields.areaUsable'), children: num(h.areaUsable, ' m²') },
          {
            key: 'tenure',
            label: t('households.fields.tenure'),
            children: h.tenure ? t(`households.tenure.${h.tenure}`) : none,
          },
          { key: 'floor', label: t('households.fields.floor'), children: num(h.floor) },
          {
            key: 'flags',
            label: t('households.fields.flags'),
            children: <FlagTags flags={h.flags} />,
            span: 'filled',
          },
          {
            key: 'followUp',
            label: t('households.fields.nextFollowUp'),
            children: <FollowUp date={h.nextFollowUp} />,
          },
          ...(h.notes
            ? [
                {
                  key: 'notes',
                  label: t('households.fields.notes'),
                  children: h.notes,
                  span: 'filled' as const,
                },
              ]
            : []),
        ]}
      />
      {revealing ? (
        <RevealIdModal
          householdId={h.id}
          onClose={() => setRevealing(false)}
          onRevealed={(value) => {
            setRevealed(value ?? none);
            setRevealing(false);
          }}
        />
      ) : null}
      {editing ? <EditProfileModal file={h} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}

function RevealIdModal({
  householdId,
  onClose,
  onRevealed,
}: {
  householdId: number;
  onClose: () => void;
  onRevealed: (idNumber: string | null) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useRevealId(householdId);
  return (
    <Modal
      open
      title={t('households.file.revealTitle')}
      okText={t('households.file.revealConfirm')}
      cancelText={t('common.cancel')}
      confirmLoading={reveal.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{t('households.file.revealIntro')}</p>
      <Form
        form={form}
        layout="vertical"
        name="reveal-id"
        onFinish={(values) =>
          reveal.mutate(values.reason.trim(), { onSuccess: (r) => onRevealed(r.idNumber) })
        }
      >
        <Form.Item
          name="reason"
          label={t('households.file.revealReason')}
          rules={[
            { required: true, min: 2, whitespace: true, message: t('households.file.revealReasonRequired') },
          ]}
        >
          <Input.TextArea
            maxLength={200}
            rows={2}
            placeholder={t('households.file.revealReasonPlaceholder')}
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={reveal.error} />
    </Modal>
  );
}

function AssigneesCard({ file: h }: { file: HouseholdFile }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const unassign = useUnassign(h.id);
  return (
    <Card title={<h2 className="gz-section-title">{t('households.file.assignees')}</h2>}>
      {h.assignees.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('households.file.noAssignees')} />
      ) : (
        <ul className="gz-hh-items">
          {h.assignees.map((a) => (
            <li key={a.userId} className="gz-hh-item gz-hh-item-row">
              <span>
                {a.name}
                {a.orgUnit ? <span className="gz-hh-muted"> · {a.orgUnit}</span> : null}
              </span>
              {h.actions.assign ? (
                <Popconfirm
                  title={t('households.file.unassignTitle', { name: a.name })}
                  okText={t('households.file.unassign')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    unassign.mutateAsync(a.userId).then(
                      () => void message.success(t('households.file.unassigned')),
                      (error: unknown) => void message.error(describeError(t, error)),
                    )
                  }
                >
                  <Button
                    size="small"
                    icon={<UserDeleteOutlined aria-hidden />}
                    aria-label={`${t('households.file.unassign')} ${a.name}`}
                  >
                    {t('households.file.unassign')}
                  </Button>
                </Popconfirm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {h.actions.assign ? (
        <ButtonLink
          size="small"
          className="gz-hh-assign-more"
          icon={<PlusOutlined aria-hidden />}
          to={`/org?q=${encodeURIComponent(householdAddress(h))}`}
        >
          {t('households.file.assignMore')}
        </ButtonLink>
      ) : null}
    </Card>
  );
}

/** A photo taken at the door (recorded offline or not) shows itself, opening full size. */
function TimelineContent(props: {
  householdId: number;
  entry: HouseholdFile['timeline'][number];
  text: string;
}) {
  const photoId = (props.entry.detail as { photoId?: unknown } | null)?.photoId;
  if (props.entry.kind !== 'photo' || typeof photoId !== 'number') return props.text;
  const src = `/api/households/${props.householdId}/photos/${photoId}`;
  return (
    <>
      {props.text}
      <a href={src} target="_blank" rel="noreferrer" className="gz-hh-photo">
        <img src={src} alt={props.text} loading="lazy" />
      </a>
    </>
  );
}

function TimelineCard({ file: h }: { file: HouseholdFile }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh';
  const formatDate = useDateTimeFormat();
  const entries = [...h.timeline].sort((a, b) =>
    a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : b.id - a.id,
  );
  return (
    <Card title={<h2 className="gz-section-title">{t('households.file.timeline')}</h2>}>
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('households.file.noTimeline')} />
      ) : (
        <Timeline
          items={entries.map((e) => ({
            key: e.id,
            color: e.kind === 'concern' ? 'red' : e.kind === 'concern_resolved' ? 'green' : 'blue',
            title: <time dateTime={e.occurredAt}>{formatDate(e.occurredAt)}</time>,
            content: <TimelineContent householdId={h.id} entry={e} text={timelineTitle(lang, e)} />,
          }))}
        />
      )}
    </Card>
  );
}
