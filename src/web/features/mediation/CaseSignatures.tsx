import { useState } from 'react';
import { Form, Input, Modal, Radio, Select } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormModal } from './FormModal.tsx';
import { useAddMember, useCandidates, useSign, type Case } from './mediation.api.ts';

type Party = Case['parties'][number];
type StaffMethod = 'paper' | 'device' | 'fingerprint' | 'proxy';
const STAFF_METHODS: readonly StaffMethod[] = ['paper', 'device', 'fingerprint', 'proxy'];

/** 本人现场按手印 · 见证人：吴秀英、顾某 — how a party signed and who witnessed it. */
export function signatureWords(t: TFunction, p: Party): string {
  if (!p.signedHow) return '';
  const parts = [t(`mediation.signHow.${p.signedHow}`) + (p.signedProxy ? `：${p.signedProxy}` : '')];
  if (p.signedAuthorisation) parts.push(`${t('mediation.signAuthorisation')}：${p.signedAuthorisation}`);
  const witnesses = [p.signedWitness, p.signedWitnessName].filter(Boolean).join('、');
  if (witnesses) parts.push(`${t('mediation.signWitness')}：${witnesses}`);
  return parts.join(' · ');
}

interface SignForm {
  method: StaffMethod;
  proxyName?: string;
  authorisation?: string;
  witnessName?: string;
}

/** Staff record how a party signed: in person on paper or the device, by fingerprint, or by a proxy with the party's written authorisation. */
export function SignPartyModal({ c, party, onClose }: { c: Case; party: Party; onClose: () => void }) {
  const { t } = useTranslation();
  const sign = useSign(c.id);
  const [method, setMethod] = useState<StaffMethod>('paper');
  return (
    <FormModal<SignForm>
      title={`${t('mediation.sign')}：${party.name}`}
      onClose={onClose}
      pending={sign.isPending}
      error={sign.error}
      initialValues={{ method: 'paper' }}
      onFinish={(v) =>
        sign.mutate(
          {
            partyId: party.id,
            method: v.method,
            ...(v.method === 'proxy' ? { proxyName: v.proxyName, authorisation: v.authorisation } : {}),
            ...(v.witnessName?.trim() ? { witnessName: v.witnessName.trim() } : {}),
          },
          { onSuccess: onClose },
        )
      }
    >
      <Form.Item name="method" label={t('mediation.signHowLabel')} rules={[{ required: true }]}>
        <Radio.Group
          onChange={(e) => setMethod(e.target.value as StaffMethod)}
          options={STAFF_METHODS.map((m) => ({ value: m, label: t(`mediation.signHow.${m}`) }))}
        />
      </Form.Item>
      {method === 'proxy' ? (
        <>
          <Form.Item name="proxyName" label={t('mediation.signProxy')} rules={[{ required: true, max: 50 }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="authorisation"
            label={t('mediation.signAuthorisation')}
            extra={t('mediation.signAuthorisationHint')}
            rules={[{ required: true, min: 2, max: 500 }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="witnessName" label={t('mediation.signWitnessName')} rules={[{ max: 50 }]}>
        <Input maxLength={50} />
      </Form.Item>
      <p className="gz-muted">{t('mediation.signWitnessHint')}</p>
    </FormModal>
  );
}

/**
 * Adds a mediator or invites a liaison. A liaison's unit is the one on its own account, shown with
 * its name; a liaison whose account has no unit cannot be invited until an administrator sets it.
 */
export function MemberModal({ c, onClose }: { c: Case; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddMember(c.id);
  const candidates = useCandidates(true);
  const [form] = Form.useForm<{ userId: number }>();
  const label = (u: { name: string; role: string; org: Case['members'][number]['org'] }) =>
    u.role !== 'liaison'
      ? u.name
      : `${u.name}（${u.org ? t(`mediation.orgs.${u.org}`) : t('mediation.orgMissing')}）`;
  return (
    <Modal
      open
      width={640}
      title={t('mediation.addMember')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
    >
      <ErrorAlert error={add.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          const picked = candidates.data?.find((x) => x.id === v.userId);
          add.mutate(
            { userId: v.userId, role: picked?.role === 'liaison' ? 'liaison' : 'mediator' },
            { onSuccess: onClose },
          );
        }}
      >
        <Form.Item name="userId" label={t('mediation.members')} rules={[{ required: true }]}>
          <Select
            options={(candidates.data ?? []).map((u) => ({
              value: u.id,
              label: label(u),
              disabled: u.role === 'liaison' && !u.org,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
