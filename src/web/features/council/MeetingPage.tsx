import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  AutoComplete,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { FileTextOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ParticipantKinds, VoteChoices } from '../../../contract/council.ts';

type VoteChoice = (typeof VoteChoices)[number];
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import { HouseholdPicker } from './HouseholdPicker.tsx';
import { MinutesForm, RsvpTag } from './MinutesCard.tsx';
import {
  useAddParticipant,
  useAddResolution,
  useMeeting,
  useMeetingLive,
  useRemoveParticipant,
  useStaffOptions,
  type HouseholdOption,
  useSignInLink,
  useStaffSignIn,
  type Meeting,
} from './council.api.ts';
import { useDateTimeFormat, useTimeFormat } from '../../components/format.ts';
import './council.css';
import { NumberInput } from '../../components/NumberInput.tsx';

/** One meeting: the door's QR code, sign-in, agenda, resolutions with votes, minutes and the PDF. */
export function MeetingPage() {
  const { t } = useTranslation();
  const when = useDateTimeFormat();
  const timeOf = useTimeFormat();
  const id = Number(useParams().id);
  const me = useMe();
  const canManage = hasPermission(me, 'council.manage');
  const meeting = useMeeting(id);
  const link = useSignInLink(id, canManage);
  const signIn = useStaffSignIn(id);
  const remove = useRemoveParticipant(id);
  const [inviting, setInviting] = useState(false);
  useMeetingLive(id);

  if (meeting.isPending) return <FullPageSpin />;
  if (!meeting.data) return <ErrorAlert error={meeting.error} title={t('errors.loadFailed')} />;
  const m = meeting.data;

  return (
    <Page
      title={m.title}
      actions={
        <Button href={`/api/council/meetings/${id}/minutes.pdf`} icon={<FileTextOutlined aria-hidden />}>
          {t('council.meeting.pdf')}
        </Button>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('council.meetings.heldAt')}>{when(m.heldAt)}</Descriptions.Item>
              <Descriptions.Item label={t('council.meetings.place')}>{m.place}</Descriptions.Item>
              <Descriptions.Item label={t('council.meetings.host')}>{m.host}</Descriptions.Item>
              <Descriptions.Item label={t('council.meetings.agenda')}>
                {m.topics.map((x) => x.title).join('；')}
              </Descriptions.Item>
              <Descriptions.Item label={t('council.meetings.attendance')}>
                <span data-testid="attendance">{`${m.presentCount} / ${m.invitedCount}`}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('council.rsvp.counts')}>
                <span data-testid="rsvp-counts">{t('council.rsvp.summary', m.rsvpCounts)}</span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        {canManage && link.data ? (
          <Col xs={24} lg={8}>
            <Card title={<h2 className="gz-section-title">{t('council.meeting.qrTitle')}</h2>}>
              <img src={link.data.qrDataUrl} alt={t('council.meeting.qrTitle')} width={200} height={200} />
              <p>{t('council.meeting.qrHelp')}</p>
              <p>{t('council.meeting.qrRotates')}</p>
              {link.data.origin === 'request' ? (
                <Alert
                  type="warning"
                  showIcon
                  data-testid="public-url-hint"
                  title={t('council.meeting.qrOriginHint', { origin: new URL(link.data.url).origin })}
                />
              ) : null}
              <Input
                readOnly
                value={link.data.url}
                aria-label={t('council.meeting.qrTitle')}
                data-testid="sign-in-url"
              />
            </Card>
          </Col>
        ) : null}
        <Col xs={24}>
          <Card
            title={<h2 className="gz-section-title">{t('council.meeting.participants')}</h2>}
            extra={
              canManage ? (
                <Button icon={<UserAddOutlined aria-hidden />} onClick={() => setInviting(true)}>
                  {t('council.invite.button')}
                </Button>
              ) : null
            }
          >
            <ErrorAlert error={signIn.error ?? remove.error} />
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={m.participants}
              columns={[
                { title: t('council.meeting.name'), dataIndex: 'name' },
                {
                  title: t('council.meeting.kind'),
                  dataIndex: 'kind',
                  render: (k: Meeting['participants'][number]['kind']) => t(`council.kinds.${k}`),
                },
                {
                  title: t('council.invite.from'),
                  render: (_: unknown, p: Meeting['participants'][number]) =>
                    p.householdLabel ?? p.organisation ?? '',
                },
                {
                  title: t('council.invite.invited'),
                  render: (_: unknown, p: Meeting['participants'][number]) =>
                    p.invited ? t('council.invite.yes') : t('council.invite.walkIn'),
                },
                {
                  title: t('council.rsvp.column'),
                  render: (_: unknown, p: Meeting['participants'][number]) => <RsvpTag participant={p} />,
                },
                {
                  title: t('council.meeting.signedIn'),
                  render: (_: unknown, p: Meeting['participants'][number]) =>
                    p.signedInAt ? (
                      <Tag color="green">
                        {p.signInMethod === 'qr' ? t('council.meeting.viaQr') : t('council.meeting.viaStaff')}{' '}
                        {timeOf(p.signedInAt)}
                      </Tag>
                    ) : canManage ? (
                      <Button
                        size="small"
                        onClick={() => signIn.mutate(p.id)}
                        aria-label={`${t('council.meeting.signIn')} ${p.name}`}
                      >
                        {t('council.meeting.signIn')}
                      </Button>
                    ) : (
                      <Tag>{t('council.meeting.notSigned')}</Tag>
                    ),
                },
                ...(canManage
                  ? [
                      {
                        title: '',
                        render: (_: unknown, p: Meeting['participants'][number]) =>
                          p.signedInAt ? null : (
                            <Popconfirm
                              title={t('council.invite.removeConfirm', { name: p.name })}
                              onConfirm={() => remove.mutate(p.id)}
                            >
                              <Button
                                size="small"
                                danger
                                type="link"
                                aria-label={`${t('council.invite.remove')} ${p.name}`}
                              >
                                {t('council.invite.remove')}
                              </Button>
                            </Popconfirm>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="gz-section-title">{t('council.meeting.resolutions')}</h2>}>
            <ul data-testid="resolutions">
              {m.resolutions.map((r) => (
                <li key={r.id}>
                  {r.text}（{t('council.meeting.votesFor')} {r.votesFor} / {t('council.meeting.votesAgainst')}{' '}
                  {r.votesAgainst} / {t('council.meeting.votesAbstain')} {r.votesAbstain}）{' '}
                  {r.individual ? <Tag>{t('council.meeting.individualTag')}</Tag> : null}
                  <Tag color={r.passed ? 'green' : 'red'}>
                    {r.passed ? t('council.meeting.passed') : t('council.meeting.rejected')}
                  </Tag>
                </li>
              ))}
            </ul>
            {canManage ? <ResolutionForm meeting={m} /> : null}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="gz-section-title">{t('council.meeting.minutes')}</h2>}>
            {canManage ? <MinutesForm meeting={m} /> : <p className="gz-minutes">{m.minutes}</p>}
          </Card>
        </Col>
      </Row>
      {inviting ? <InviteModal meetingId={id} onClose={() => setInviting(false)} /> : null}
    </Page>
  );
}

type Kind = (typeof ParticipantKinds)[number];

/**
 * Invites one person: a resident or party member from a household (its head or a member, by name),
 * a cadre from the street's staff accounts, or an expert with their institute.
 */
function InviteModal({ meetingId, onClose }: { meetingId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const add = useAddParticipant(meetingId);
  const [kind, setKind] = useState<Kind>('resident');
  const [household, setHousehold] = useState<HouseholdOption | undefined>();
  const staff = useStaffOptions(kind === 'cadre');
  const [form] = Form.useForm<{
    kind: Kind;
    householdId?: number | null;
    userId?: number;
    name: string;
    organisation?: string;
  }>();
  const fromHousehold = kind === 'resident' || kind === 'party_member';
  const names = household ? [household.headName, ...household.memberNames] : [];
  return (
    <Modal
      open
      title={t('council.invite.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('council.invite.submit')}
      confirmLoading={add.isPending}
    >
      <ErrorAlert error={add.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'resident' }}
        onFinish={(v) =>
          add.mutate(
            {
              kind: v.kind,
              name: v.name,
              ...(fromHousehold && v.householdId ? { householdId: v.householdId } : {}),
              ...(v.kind === 'cadre' && v.userId ? { userId: v.userId } : {}),
              ...(v.organisation ? { organisation: v.organisation } : {}),
            },
            {
              onSuccess: () => {
                void message.success(t('council.invite.done', { name: v.name }));
                form.resetFields(['name', 'householdId', 'userId', 'organisation']);
                setHousehold(undefined);
              },
            },
          )
        }
      >
        <Form.Item name="kind" label={t('council.meeting.kind')}>
          <Radio.Group
            optionType="button"
            onChange={(e) => {
              setKind(e.target.value as Kind);
              form.resetFields(['name', 'householdId', 'userId', 'organisation']);
              setHousehold(undefined);
            }}
            options={ParticipantKinds.map((k) => ({ value: k, label: t(`council.kinds.${k}`) }))}
          />
        </Form.Item>
        {fromHousehold ? (
          <Form.Item
            name="householdId"
            label={t('council.invite.household')}
            rules={kind === 'resident' ? [{ required: true }] : []}
          >
            <HouseholdPicker
              endpoint="/council/households"
              onPick={(h) => {
                setHousehold(h);
                if (h) form.setFieldsValue({ name: h.headName });
              }}
            />
          </Form.Item>
        ) : null}
        {kind === 'cadre' ? (
          <Form.Item name="userId" label={t('council.invite.staff')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={staff.isPending}
              options={(staff.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              onChange={(v: number) =>
                form.setFieldsValue({ name: staff.data?.find((u) => u.id === v)?.name ?? '' })
              }
            />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label={t('council.meeting.name')} rules={[{ required: true }]}>
          {fromHousehold && names.length > 0 ? (
            <AutoComplete options={names.map((n) => ({ value: n }))} />
          ) : (
            <Input />
          )}
        </Form.Item>
        {kind === 'expert' || kind === 'cadre' ? (
          <Form.Item name="organisation" label={t('council.invite.organisation')}>
            <Input />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/**
 * Records a resolution with counted votes (a show of hands), or person by person: each participant
 * present gets 赞成 / 反对 / 弃权, and the counts follow from those votes.
 */
function ResolutionForm({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const add = useAddResolution(meeting.id);
  const present = meeting.participants.filter((p) => p.signedInAt !== null);
  const [byPerson, setByPerson] = useState(false);
  const [votes, setVotes] = useState<Record<number, VoteChoice>>({});
  const [form] = Form.useForm<{
    text: string;
    topicId?: number;
    votesFor: number;
    votesAgainst: number;
    votesAbstain: number;
  }>();
  const submit = (v: {
    text: string;
    topicId?: number;
    votesFor: number;
    votesAgainst: number;
    votesAbstain: number;
  }) => {
    const body = byPerson
      ? {
          text: v.text,
          topicId: v.topicId,
          votes: Object.entries(votes).map(([participantId, choice]) => ({
            participantId: Number(participantId),
            choice,
          })),
        }
      : v;
    add.mutate(body, {
      onSuccess: () => {
        form.resetFields();
        setVotes({});
      },
    });
  };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ votesFor: 0, votesAgainst: 0, votesAbstain: 0 }}
      onFinish={submit}
    >
      <ErrorAlert error={add.error} />
      <Form.Item name="topicId" label={t('council.meeting.topic')}>
        <Select allowClear options={meeting.topics.map((x) => ({ value: x.id, label: x.title }))} />
      </Form.Item>
      <Form.Item name="text" label={t('council.meeting.resolutionText')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item label={t('council.meeting.voteMode')}>
        <Radio.Group
          value={byPerson ? 'person' : 'count'}
          onChange={(e) => setByPerson(e.target.value === 'person')}
          options={[
            { value: 'count', label: t('council.meeting.byCount') },
            { value: 'person', label: t('council.meeting.byPerson'), disabled: present.length === 0 },
          ]}
        />
      </Form.Item>
      {byPerson ? (
        <ul className="gz-vote-list" data-testid="individual-votes">
          {present.map((p) => (
            <li key={p.id}>
              <span>{p.name}</span>
              <Radio.Group
                aria-label={`${p.name} ${t('council.meeting.vote')}`}
                value={votes[p.id]}
                onChange={(e) => setVotes({ ...votes, [p.id]: e.target.value as VoteChoice })}
                options={VoteChoices.map((c) => ({ value: c, label: t(`council.meeting.votes.${c}`) }))}
              />
            </li>
          ))}
        </ul>
      ) : (
        <Space wrap>
          <Form.Item name="votesFor" label={t('council.meeting.votesFor')}>
            <NumberInput min={0} />
          </Form.Item>
          <Form.Item name="votesAgainst" label={t('council.meeting.votesAgainst')}>
            <NumberInput min={0} />
          </Form.Item>
          <Form.Item name="votesAbstain" label={t('council.meeting.votesAbstain')}>
            <NumberInput min={0} />
          </Form.Item>
        </Space>
      )}
      <Button
        type="primary"
        htmlType="submit"
        loading={add.isPending}
        disabled={byPerson && Object.keys(votes).length === 0}
      >
        {t('council.meeting.addResolution')}
      </Button>
    </Form>
  );
}
