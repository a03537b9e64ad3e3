import { Alert, Button, Card, Descriptions, Space, Tag } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { RsvpAnswers } from '../../../contract/council.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { useMeetingLive, useResidentMeeting, useRsvp, type ResidentMeeting } from './council.api.ts';
import './council.css';

/**
 * A meeting as the invited resident sees it, on a phone and in elder mode: when and where, the agenda
 * and what each topic is about, 参加 / 不参加 / 待定 until it starts, and afterwards the published
 * minutes and the results of the votes.
 */
export function ResidentMeetingPage() {
  const { t } = useTranslation();
  const when = useDateTimeFormat();
  const id = Number(useParams().id);
  const meeting = useResidentMeeting(id);
  useMeetingLive(id);

  if (meeting.isPending) return <FullPageSpin />;
  if (!meeting.data) return <ErrorAlert error={meeting.error} title={t('errors.loadFailed')} />;
  const m = meeting.data;
  return (
    <Page title={m.title}>
      <Space orientation="vertical" size="large" className="gz-resident-meeting">
        <Card>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('council.meetings.heldAt')}>{when(m.heldAt)}</Descriptions.Item>
            <Descriptions.Item label={t('council.meetings.place')}>{m.place}</Descriptions.Item>
            <Descriptions.Item label={t('council.meetings.host')}>{m.host}</Descriptions.Item>
            <Descriptions.Item label={t('council.resident.invitee')}>{m.invitation.name}</Descriptions.Item>
          </Descriptions>
          {m.invitation.signedInAt ? (
            <p data-testid="signed-in">
              <CheckCircleOutlined aria-hidden />{' '}
              {t('council.resident.signedIn', { at: when(m.invitation.signedInAt) })}
            </p>
          ) : null}
        </Card>
        <Card title={<h2 className="gz-section-title">{t('council.resident.agenda')}</h2>}>
          {m.topics.length === 0 ? (
            <p>{t('council.resident.noAgenda')}</p>
          ) : (
            <ol data-testid="agenda" className="gz-agenda">
              {m.topics.map((x) => (
                <li key={x.id}>
                  <strong>{x.title}</strong>
                  {x.description ? <p>{x.description}</p> : null}
                </li>
              ))}
            </ol>
          )}
        </Card>
        <RsvpCard meeting={m} />
        <Card title={<h2 className="gz-section-title">{t('council.resident.minutes')}</h2>}>
          {m.minutesPublishedAt ? (
            <div data-testid="published-minutes">
              <p className="gz-minutes">{m.minutes}</p>
              <h3>{t('council.meeting.resolutions')}</h3>
              <ul data-testid="resident-resolutions">
                {m.resolutions.map((r) => (
                  <li key={r.id}>
                    {r.topicTitle ? `${r.topicTitle}：` : ''}
                    {r.text}（{t('council.meeting.votesFor')} {r.votesFor} /{' '}
                    {t('council.meeting.votesAgainst')} {r.votesAgainst} / {t('council.meeting.votesAbstain')}{' '}
                    {r.votesAbstain}）{' '}
                    <Tag color={r.passed ? 'green' : 'red'}>
                      {r.passed ? t('council.meeting.passed') : t('council.meeting.rejected')}
                    </Tag>
                  </li>
                ))}
              </ul>
              <p>{t('council.resident.publishedAt', { at: when(m.minutesPublishedAt) })}</p>
            </div>
          ) : (
            <p>{t('council.resident.minutesLater')}</p>
          )}
        </Card>
      </Space>
    </Page>
  );
}

/** 参加 / 不参加 / 待定: three large buttons, the chosen one pressed; changeable until the start. */
function RsvpCard({ meeting }: { meeting: ResidentMeeting }) {
  const { t } = useTranslation();
  const rsvp = useRsvp(meeting.id);
  const current = meeting.invitation.rsvp;
  return (
    <Card title={<h2 className="gz-section-title">{t('council.resident.rsvpTitle')}</h2>}>
      <ErrorAlert error={rsvp.error} />
      <p data-testid="rsvp-status" aria-live="polite">
        {current ? t(`council.resident.answered.${current}`) : t('council.resident.notAnswered')}
      </p>
      {meeting.rsvpOpen ? (
        <>
          <Space wrap role="group" aria-label={t('council.resident.rsvpTitle')}>
            {RsvpAnswers.map((a) => (
              <Button
                key={a}
                size="large"
                type={current === a ? 'primary' : 'default'}
                aria-pressed={current === a}
                loading={rsvp.isPending && rsvp.variables === a}
                onClick={() => rsvp.mutate(a)}
              >
                {t(`council.resident.answers.${a}`)}
              </Button>
            ))}
          </Space>
          <p>{t('council.resident.rsvpHelp')}</p>
        </>
      ) : (
        <Alert type="info" showIcon title={t('council.resident.rsvpClosed')} />
      )}
    </Card>
  );
}
