import { useTranslation } from 'react-i18next';
import { PartyFields, partyBody, type PartyForm } from './PartyFields.tsx';
import { FormModal } from './FormModal.tsx';
import { useSaveParty, type Case } from './mediation.api.ts';

/** Adds a party or corrects one who has not signed (e.g. links a free-text party to its household). */
export function PartyModal({
  c,
  party,
  onClose,
}: {
  c: Case;
  party: Case['parties'][number] | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveParty(c.id, party?.id);
  return (
    <FormModal<PartyForm>
      title={party ? t('mediation.editPartyTitle', { name: party.name }) : t('mediation.addParty')}
      onClose={onClose}
      pending={save.isPending}
      error={save.error}
      initialValues={
        party
          ? {
              kind: party.kind,
              householdId: party.householdId,
              name: party.name,
              role: party.role,
              info: party.info ?? undefined,
            }
          : { kind: 'household', role: 'third_party', name: '' }
      }
      onFinish={(v) => save.mutate(partyBody(v), { onSuccess: onClose })}
    >
      <PartyFields
        path={[]}
        absolute={[]}
        {...(party?.householdId && party.householdLabel
          ? { known: { id: party.householdId, label: party.householdLabel } }
          : {})}
        {...(party?.contact ? { contactHelp: `${party.contact} · ${t('mediation.contactKeep')}` } : {})}
      />
    </FormModal>
  );
}
