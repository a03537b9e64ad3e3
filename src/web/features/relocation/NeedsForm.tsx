import { Form, Input, Modal, Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useHouseholdRelocation, useSetNeeds } from './relocation.api.ts';
import { NumberInput } from '../../components/NumberInput.tsx';
import { ModalForm } from './ModalForm.tsx';

/** Opens with what the household has already said, so saving never clears a field unseen. */
export function NeedsForm({ householdId, onClose }: { householdId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSetNeeds();
  const current = useHouseholdRelocation(householdId);
  if (!current.data)
    return (
      <Modal open title={t('relocation.form.editNeeds')} footer={null} onCancel={onClose}>
        {current.error ? <ErrorAlert error={current.error} /> : <Spin />}
      </Modal>
    );
  const needs = current.data.needs;
  return (
    <ModalForm
      title={t('relocation.form.editNeeds')}
      initialValues={{
        plannedMoveOn: needs.plannedMoveOn ?? undefined,
        transition: needs.transitionSource === 'needs' ? needs.transition : undefined,
        rentBudget: needs.rentBudget ?? undefined,
        note: needs.note ?? undefined,
      }}
      fields={['plannedMoveOn', 'transition', 'rentBudget', 'note']}
      onClose={onClose}
      submit={(v) =>
        save.mutateAsync({
          householdId,
          plannedMoveOn: (v.plannedMoveOn as string | undefined) || null,
          transition: (v.transition as 'self' | 'agency' | 'relatives' | undefined) ?? null,
          rentBudget: (v.rentBudget as number | undefined) ?? null,
          note: ((v.note as string | undefined) ?? '').trim() || null,
        })
      }
    >
      <Form.Item name="plannedMoveOn" label={t('relocation.form.plannedMoveOn')}>
        <Input type="date" />
      </Form.Item>
      <Form.Item
        name="transition"
        label={t('relocation.form.transition')}
        extra={
          needs.transitionSource === 'plan' && needs.transition
            ? `${t(`relocation.transition.${needs.transition}`)} ${t('relocation.card.transitionFromPlan')}`
            : undefined
        }
      >
        <Select
          allowClear
          options={(['self', 'agency', 'relatives'] as const).map((k) => ({
            value: k,
            label: t(`relocation.transition.${k}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="rentBudget" label={t('relocation.form.rentBudget')}>
        <NumberInput min={0} max={1_000_000} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label={t('relocation.form.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </ModalForm>
  );
}
