import { Alert, Button, Card, Form, Input, Progress, Result } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { STATEMENT_MAX } from '../../../contract/opinion.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { useAddStatement, useMap, useNext, useVote } from './opinion.api.ts';
import './opinion.css';

/** A participant's own statement, shown to others once staff approve it. */
function AddStatement({ id }: { id: number }) {
  const { t } = useTranslation();
  const add = useAddStatement(id);
  const [form] = Form.useForm<{ text: string }>();
  return (
    <Card
      title={<h2 className="gz-section-title">{t('opinion.vote.addTitle')}</h2>}
      className="gz-opinion-add"
    >
      <p>{t('opinion.vote.addIntro')}</p>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => add.mutate(v.text, { onSuccess: () => form.resetFields() })}
      >
        <Form.Item
          name="text"
          label={t('opinion.statement.text')}
          rules={[
            { required: true, whitespace: true, message: t('opinion.statement.required') },
            {
              min: 2,
              max: STATEMENT_MAX,
              message: t('opinion.statement.length', { max: STATEMENT_MAX }),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={STATEMENT_MAX} showCount />
        </Form.Item>
        <Button htmlType="submit" size="large" loading={add.isPending}>
          {t('opinion.vote.addSubmit')}
        </Button>
      </Form>
      <ErrorAlert error={add.error} title={t('opinion.vote.addFailed')} />
      {add.isSuccess ? <Alert type="success" showIcon message={t('opinion.vote.added')} /> : null}
    </Card>
  );
}

/**
 * A participant's votes on the phone: one statement per screen with three large buttons
 * (同意 / 不同意 / 跳过), how far they are, their own statement for moderation, and the map once
 * they have voted enough. Made for elder mode: large text, large targets, nothing else on screen.
 */
export function VotePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const map = useMap(id);
  const next = useNext(id);
  const vote = useVote(id);
  const n = next.data;
  const statement = n?.statement ?? null;
  const cast = (v: 1 | -1 | 0) => statement && vote.mutate({ statementId: statement.id, vote: v });
  // the server refuses votes and statements on a closed map (409); say so at once instead
  const closed = map.data?.status === 'closed';
  return (
    <Page title={map.data?.title ?? t('opinion.vote.title')} intro={t('opinion.vote.intro')}>
      <ErrorAlert error={map.error ?? next.error ?? vote.error} title={t('errors.loadFailed')} />
      <Card className="gz-opinion-vote">
        {n ? (
          <Progress
            percent={n.total ? Math.round((100 * n.voted) / n.total) : 0}
            aria-label={t('opinion.vote.progress', { voted: n.voted, total: n.total })}
          />
        ) : null}
        {n ? <p>{t('opinion.vote.progress', { voted: n.voted, total: n.total })}</p> : null}
        {closed ? (
          <p className="gz-opinion-closed" role="status" data-testid="opinion-closed">
            {t('opinion.vote.closed')}
          </p>
        ) : statement ? (
          <>
            <p className="gz-opinion-statement" data-testid="opinion-statement" aria-live="polite">
              {statement.text}
            </p>
            {/* disabled, not loading, while a vote is sent: a loading icon would change the buttons' names and
                their leaving motion can outlast the vote on a slow phone */}
            <div className="gz-opinion-buttons">
              <Button type="primary" size="large" disabled={vote.isPending} onClick={() => cast(1)}>
                {t('opinion.vote.agree')}
              </Button>
              <Button danger size="large" disabled={vote.isPending} onClick={() => cast(-1)}>
                {t('opinion.vote.disagree')}
              </Button>
              <Button size="large" disabled={vote.isPending} onClick={() => cast(0)}>
                {t('opinion.vote.pass')}
              </Button>
            </div>
          </>
        ) : n ? (
          <Result status="success" title={t('opinion.vote.done')} />
        ) : null}
        {n?.maySeeMap ? (
          // a bordered button, not a link-styled one: a larger target for elders, and axe found the
          // link style's text under the contrast minimum on this card
          <ButtonLink size="large" to={`/opinion/${id}`}>
            {t('opinion.vote.seeMap')}
          </ButtonLink>
        ) : null}
      </Card>
      {closed ? null : <AddStatement id={id} />}
    </Page>
  );
}
