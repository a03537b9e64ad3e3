import { useState } from 'react';
import { Button, Card, Form, Input, Radio, Space } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CaseLevels } from '../../../contract/mediation.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormModal } from './FormModal.tsx';
import { MemberModal } from './CaseSignatures.tsx';
import { useDecide, useOutcome, type Case } from './mediation.api.ts';
import { FollowupModal, OutcomeModal, RiskModal, SessionModal } from './CaseRecordModals.tsx';

type Dialog =
  'accept' | 'refuse' | 'withdraw' | 'member' | 'session' | 'outcome' | 'followup' | 'risk' | null;

export function Actions({ c }: { c: Case }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Dialog>(null);
  const decide = useDecide(c.id);
  const closed = !['applied', 'mediating'].includes(c.status);
  const settled = (c.status === 'agreed' && c.agreementEffectiveAt) || c.status === 'oral_agreed';
  return (
    <Card>
      <ErrorAlert error={decide.error} />
      <Space wrap>
        {c.status === 'applied' ? (
          <>
            <Button type="primary" onClick={() => setOpen('accept')}>
              {t('mediation.accept')}
            </Button>
            <Button danger onClick={() => setOpen('refuse')}>
              {t('mediation.refuse')}
            </Button>
            <Button onClick={() => setOpen('withdraw')}>{t('mediation.withdraw')}</Button>
          </>
        ) : null}
        {!closed ? <Button onClick={() => setOpen('member')}>{t('mediation.addMember')}</Button> : null}
        {c.status === 'mediating' ? (
          <>
            <Button onClick={() => setOpen('session')}>{t('mediation.addSession')}</Button>
            <Button type="primary" onClick={() => setOpen('outcome')}>
              {t('mediation.outcome')}
            </Button>
          </>
        ) : null}
        {settled ? <Button onClick={() => setOpen('followup')}>{t('mediation.addFollowup')}</Button> : null}
        {!c.atRisk && (!closed || c.status === 'failed') ? (
          <Button danger icon={<WarningOutlined aria-hidden />} onClick={() => setOpen('risk')}>
            {t('mediation.flagRisk')}
          </Button>
        ) : null}
      </Space>
      {open === 'accept' ? <AcceptModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'refuse' ? <RefuseModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'withdraw' ? <WithdrawModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'member' ? <MemberModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'session' ? <SessionModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'outcome' ? <OutcomeModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'followup' ? <FollowupModal c={c} onClose={() => setOpen(null)} /> : null}
      {open === 'risk' ? <RiskModal c={c} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

function AcceptModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecide(c.id);
  return (
    <FormModal<{ level: Case['level'] }>
      title={t('mediation.acceptTitle')}
      onClose={onClose}
      pending={decide.isPending}
      error={decide.error}
      initialValues={{ level: c.level }}
      onFinish={(v) => decide.mutate({ accept: true, level: v.level }, { onSuccess: onClose })}
    >
      <p>{t('mediation.acceptHelp')}</p>
      <Form.Item name="level" label={t('mediation.level')}>
        <Radio.Group options={CaseLevels.map((l) => ({ value: l, label: t(`mediation.levels.${l}`) }))} />
      </Form.Item>
    </FormModal>
  );
}

function WithdrawModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const outcome = useOutcome(c.id);
  return (
    <FormModal<{ note: string }>
      title={t('mediation.withdraw')}
      onClose={onClose}
      pending={outcome.isPending}
      error={outcome.error}
      onFinish={(v) => outcome.mutate({ outcome: 'withdrawn', note: v.note }, { onSuccess: onClose })}
    >
      <p>{t('mediation.withdrawHelp')}</p>
      <Form.Item name="note" label={t('mediation.note')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}

/** Records a party's signature as it was given; the staff member recording it is the witness. */
function RefuseModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecide(c.id);
  return (
    <FormModal<{ reason: string }>
      title={t('mediation.refuse')}
      onClose={onClose}
      pending={decide.isPending}
      error={decide.error}
      onFinish={(v) => decide.mutate({ accept: false, reason: v.reason }, { onSuccess: onClose })}
    >
      <Form.Item name="reason" label={t('mediation.reason')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}
