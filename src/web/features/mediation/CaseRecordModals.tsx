import { useState } from 'react';
import { App, Checkbox, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FollowupKinds } from '../../../contract/mediation.ts';
import { FormModal } from './FormModal.tsx';
import { useAddSession, useFlagRisk, useFollowup, useOutcome, type Case } from './mediation.api.ts';
import { streetTimeToIso } from '../../components/streetClock.ts';

export function SessionModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddSession(c.id);
  return (
    <FormModal<{ heldAt: string; place: string; record: string }>
      title={t('mediation.addSession')}
      onClose={onClose}
      pending={add.isPending}
      error={add.error}
      onFinish={(v) => add.mutate({ ...v, heldAt: streetTimeToIso(v.heldAt) }, { onSuccess: onClose })}
    >
      <Form.Item name="heldAt" label={t('mediation.heldAt')} rules={[{ required: true }]}>
        <Input type="datetime-local" />
      </Form.Item>
      <Form.Item name="place" label={t('mediation.place')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="record" label={t('mediation.record')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
    </FormModal>
  );
}

type OutcomeForm = {
  outcome: 'agreement' | 'oral' | 'failed' | 'withdrawn';
  note?: string;
  otherRoutes?: string;
  facts?: string;
  disputedMatters?: string;
  terms?: string;
  performance?: string;
  performBy?: string;
};

export function OutcomeModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const outcome = useOutcome(c.id);
  const [kind, setKind] = useState<OutcomeForm['outcome']>('agreement');
  const need = [{ required: true, min: 2 }];
  return (
    <FormModal<OutcomeForm>
      title={t('mediation.outcome')}
      onClose={onClose}
      pending={outcome.isPending}
      error={outcome.error}
      initialValues={{ outcome: 'agreement', facts: c.facts }}
      onFinish={(v) => {
        const body =
          v.outcome === 'agreement'
            ? {
                outcome: 'agreement' as const,
                agreement: {
                  facts: v.facts ?? '',
                  disputedMatters: v.disputedMatters ?? '',
                  terms: v.terms ?? '',
                  performance: v.performance ?? '',
                  performBy: v.performBy ?? '',
                },
              }
            : v.outcome === 'failed'
              ? { outcome: 'failed' as const, note: v.note ?? '', otherRoutes: v.otherRoutes ?? '' }
              : { outcome: v.outcome, note: v.note ?? '' };
        outcome.mutate(body, { onSuccess: onClose });
      }}
    >
      <Form.Item name="outcome" label={t('mediation.outcome')}>
        <Radio.Group
          onChange={(e) => setKind(e.target.value as OutcomeForm['outcome'])}
          options={(['agreement', 'oral', 'failed', 'withdrawn'] as const).map((k) => ({
            value: k,
            label: t(`mediation.${k}`),
          }))}
        />
      </Form.Item>
      {kind === 'agreement' ? (
        <>
          <Form.Item name="facts" label={t('mediation.terms.facts')} rules={need}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="disputedMatters" label={t('mediation.terms.disputedMatters')} rules={need}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="terms" label={t('mediation.terms.terms')} rules={need}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="performance" label={t('mediation.terms.performance')} rules={need}>
            <Input />
          </Form.Item>
          <Form.Item name="performBy" label={t('mediation.terms.performBy')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="note" label={t('mediation.note')} rules={need}>
          <Input.TextArea rows={3} />
        </Form.Item>
      )}
      {kind === 'failed' ? (
        <Form.Item name="otherRoutes" label={t('mediation.otherRoutes')} rules={need}>
          <Input.TextArea rows={2} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

export function FollowupModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useFollowup(c.id);
  return (
    <FormModal<{ kind: (typeof FollowupKinds)[number]; note: string; performed?: boolean }>
      title={t('mediation.addFollowup')}
      onClose={onClose}
      pending={add.isPending}
      error={add.error}
      initialValues={{ kind: 'return_visit' }}
      onFinish={(v) => add.mutate({ ...v, at: new Date().toISOString() }, { onSuccess: onClose })}
    >
      <Form.Item name="kind" label={t('mediation.followups')}>
        <Select
          options={FollowupKinds.map((k) => ({ value: k, label: t(`mediation.followupKinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('mediation.note')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="performed" valuePropName="checked">
        <Checkbox>{t('mediation.performed')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}

export function RiskModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const flag = useFlagRisk(c.id);
  return (
    <FormModal<{ note: string }>
      title={t('mediation.flagRisk')}
      onClose={onClose}
      pending={flag.isPending}
      error={flag.error}
      onFinish={(v) =>
        flag.mutate(v.note, {
          onSuccess: () => {
            void message.success(t('mediation.saved'));
            onClose();
          },
        })
      }
    >
      <Form.Item name="note" label={t('mediation.riskNote')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}
