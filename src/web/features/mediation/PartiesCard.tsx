import { useState } from 'react';
import { App, Button, Card, Tag } from 'antd';
import { EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SignPartyModal, signatureWords } from './CaseSignatures.tsx';
import { PartyModal } from './PartyModal.tsx';
import { fetchPartyContact, useSign, type Case } from './mediation.api.ts';

/** Parties and mediation members, with contact reveal, editing and signing of the agreement. */
export function PartiesCard({ c }: { c: Case }) {
  const { t } = useTranslation();
  const me = useMe();
  const canHandle = hasPermission(me, 'mediation.handle');
  const id = c.id;
  const sign = useSign(id);
  const { message } = App.useApp();
  const [editingParty, setEditingParty] = useState<Case['parties'][number] | 'new' | null>(null);
  const [signingParty, setSigningParty] = useState<Case['parties'][number] | null>(null);
  const signing = c.status === 'agreed' && !c.agreementEffectiveAt;
  const editable = canHandle && (c.status === 'applied' || c.status === 'mediating');
  const reveal = (partyId: number) =>
    fetchPartyContact(id, partyId).then(
      (r) => void message.info(r.contact ?? '—', 8),
      () => void message.error(t('errors.loadFailed')),
    );
  return (
    <>
      <Card
        title={<h2 className="gz-section-title">{t('mediation.parties')}</h2>}
        extra={
          editable ? (
            <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => setEditingParty('new')}>
              {t('mediation.addParty')}
            </Button>
          ) : null
        }
      >
        {c.partyView ? <p className="gz-muted">{t('mediation.viewOnly')}</p> : null}
        <ErrorAlert error={sign.error} />
        <ul data-testid="parties">
          {c.parties.map((p) => (
            <li key={p.id}>
              {t(`mediation.roles.${p.role}`)}：{p.name} <Tag>{t(`mediation.partyKinds.${p.kind}`)}</Tag>
              {p.householdLabel ? `${p.householdLabel} ` : ''}
              {p.contact ? (
                <span>
                  ☎ {p.contact}
                  {canHandle && !c.partyView ? (
                    <Button
                      size="small"
                      type="link"
                      icon={<EyeOutlined aria-hidden />}
                      aria-label={`${t('mediation.showContact')} ${p.name}`}
                      onClick={() => void reveal(p.id)}
                    />
                  ) : null}
                </span>
              ) : null}
              {p.info ? `（${p.info}）` : ''}{' '}
              {editable && !p.signedAt ? (
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined aria-hidden />}
                  aria-label={`${t('mediation.editParty')} ${p.name}`}
                  onClick={() => setEditingParty(p)}
                >
                  {t('mediation.editParty')}
                </Button>
              ) : null}
              {p.signedAt ? (
                <>
                  <Tag color="green">{t('mediation.signed')}</Tag>
                  {p.signedHow ? <span className="gz-muted">{signatureWords(t, p)}</span> : null}
                </>
              ) : signing ? (
                <Button
                  size="small"
                  // staff say how the party signed; a party signs its own part online
                  onClick={() => (canHandle ? setSigningParty(p) : sign.mutate({ partyId: p.id }))}
                  aria-label={`${t('mediation.sign')} ${p.name}`}
                >
                  {t('mediation.sign')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
        <h3>{t('mediation.members')}</h3>
        <ul>
          {c.members.map((m) => (
            <li key={m.userId}>
              {m.org ? t(`mediation.orgs.${m.org}`) : t(`mediation.memberRole.${m.role}`)}：{m.name}{' '}
              {m.signedAt ? <Tag color="green">{t('mediation.signed')}</Tag> : null}
            </li>
          ))}
        </ul>
        {signing && canHandle ? (
          <Button type="primary" onClick={() => sign.mutate({})}>
            {t('mediation.signMediator')}
          </Button>
        ) : null}
      </Card>
      {editingParty ? (
        <PartyModal
          c={c}
          party={editingParty === 'new' ? undefined : editingParty}
          onClose={() => setEditingParty(null)}
        />
      ) : null}
      {signingParty ? (
        <SignPartyModal c={c} party={signingParty} onClose={() => setSigningParty(null)} />
      ) : null}
    </>
  );
}
