import { useRef, useState } from 'react';
import { Alert, Button, Empty, Form, Input, Radio, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { Drawer } from '../../components/Drawer.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useEnterBallot, useStatements, type BallotResult } from './opinion.api.ts';

type Choice = 1 | -1 | 0 | 'none';
interface CardValues {
  participantRef: string;
  votes: Record<string, Choice>;
}

/** The card's marked statements as votes; "未表态" is left out (the server counts only cast votes). */
function votesOf(values: CardValues) {
  return Object.entries(values.votes ?? {})
    .filter((e): e is [string, 1 | -1 | 0] => e[1] !== 'none')
    .map(([statementId, vote]) => ({ statementId: Number(statementId), vote }));
}

/**
 * Staff type in a stack of paper cards from a meeting, one after another: a reference and one
 * large four-way choice per approved statement. Saving clears the form and puts the cursor back
 * on the reference, so the next card can follow without the mouse.
 */
export function PaperCardDrawer({
  mapId,
  open,
  onClose,
}: {
  mapId: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const statements = useStatements(mapId);
  const enter = useEnterBallot(mapId);
  const [form] = Form.useForm<CardValues>();
  const refInput = useRef<InputRef>(null);
  const [entered, setEntered] = useState<{ count: number; last: BallotResult } | null>(null);
  const [empty, setEmpty] = useState(false);
  const approved = (statements.data?.items ?? []).filter((s) => s.status === 'approved');
  const choices = [
    { value: 1, label: t('opinion.vote.agree') },
    { value: -1, label: t('opinion.vote.disagree') },
    { value: 0, label: t('opinion.vote.pass') },
    { value: 'none', label: t('opinion.paper.none') },
  ];
  const save = (values: CardValues) => {
    const votes = votesOf(values);
    setEmpty(votes.length === 0);
    if (votes.length === 0) return;
    enter.mutate(
      { participantRef: values.participantRef.trim(), votes },
      {
        onSuccess: (last) => {
          setEntered((e) => ({ count: (e?.count ?? 0) + 1, last }));
          form.resetFields();
          refInput.current?.focus();
        },
      },
    );
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      afterOpenChange={(o) => (o ? undefined : setEntered(null))}
      title={t('opinion.paper.open')}
      size="large"
      destroyOnHidden
    >
      <p>{t('opinion.paper.intro')}</p>
      <ErrorAlert error={statements.error} title={t('errors.loadFailed')} />
      <Form form={form} layout="vertical" onFinish={save} className="gz-opinion-paper">
        <Form.Item
          name="participantRef"
          label={t('opinion.paper.ref')}
          rules={[{ required: true, whitespace: true, max: 40, message: t('opinion.paper.refRule') }]}
        >
          <Input ref={refInput} maxLength={40} placeholder="会议A-012" size="large" autoFocus />
        </Form.Item>
        {approved.length === 0 && statements.isSuccess ? (
          <Empty description={t('opinion.paper.empty')} />
        ) : null}
        {approved.map((s) => (
          <Form.Item key={s.id} name={['votes', String(s.id)]} label={s.text} initialValue="none">
            <Radio.Group
              aria-label={s.text}
              options={choices}
              optionType="button"
              buttonStyle="solid"
              size="large"
            />
          </Form.Item>
        ))}
        {empty ? <Alert type="warning" showIcon title={t('opinion.paper.noVotes')} /> : null}
        <ErrorAlert error={enter.error} title={t('opinion.paper.failed')} />
        <Button type="primary" htmlType="submit" size="large" loading={enter.isPending} block>
          {t('opinion.paper.save')}
        </Button>
      </Form>
      {entered ? (
        <Alert
          type="success"
          showIcon
          className="gz-opinion-card"
          title={t('opinion.paper.saved', {
            count: entered.count,
            ref: entered.last.participantRef,
            votes: entered.last.votes,
          })}
        />
      ) : null}
    </Drawer>
  );
}
