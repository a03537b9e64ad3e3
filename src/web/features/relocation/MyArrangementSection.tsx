import { useState } from 'react';
import { Alert, Button, Input, Radio } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useHouseholdRelocation, useSetNeeds, type HouseholdRelocation } from './relocation.api.ts';
import './relocation.css';
import { NumberInput } from '../../components/NumberInput.tsx';

type Transition = 'self' | 'agency' | 'relatives';

/** When the household plans to move and where to: what staff watch as the date nears. */
export function ArrangementSection({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const current = useHouseholdRelocation(householdId);
  return (
    <section className="gz-rl-card" aria-labelledby="rl-arrangement">
      <h2 id="rl-arrangement">{t('relocation.mine.arrangement')}</h2>
      <p className="gz-rl-meta">{t('relocation.mine.arrangementIntro')}</p>
      <ErrorAlert error={current.error} />
      {current.data ? <ArrangementForm householdId={householdId} needs={current.data.needs} /> : null}
    </section>
  );
}

function ArrangementForm({
  householdId,
  needs,
}: {
  householdId: number;
  needs: HouseholdRelocation['needs'];
}) {
  const { t } = useTranslation();
  const save = useSetNeeds();
  const [moveOn, setMoveOn] = useState(needs.plannedMoveOn ?? '');
  const [transition, setTransition] = useState<Transition | null>(needs.transition);
  const [budget, setBudget] = useState<number | null>(needs.rentBudget);
  return (
    <>
      {needs.buildingMoveOn ? (
        <Alert type="info" title={t('relocation.card.buildingMoveOn', { date: needs.buildingMoveOn })} />
      ) : null}
      <label className="gz-rl-field">
        {t('relocation.form.plannedMoveOn')}
        <Input type="date" value={moveOn} onChange={(e) => setMoveOn(e.target.value)} />
      </label>
      <fieldset>
        <legend>{t('relocation.form.transition')}</legend>
        <Radio.Group value={transition} onChange={(e) => setTransition(e.target.value as Transition)}>
          {(['self', 'agency', 'relatives'] as const).map((k) => (
            <Radio key={k} value={k}>
              {t(`relocation.transition.${k}`)}
            </Radio>
          ))}
        </Radio.Group>
      </fieldset>
      {transition === 'agency' ? (
        <label className="gz-rl-field">
          {t('relocation.form.rentBudget')}
          <NumberInput min={0} max={1_000_000} value={budget} onChange={setBudget} />
        </label>
      ) : null}
      <ErrorAlert error={save.error} />
      <div className="gz-rl-buttons">
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() =>
            save.mutate({
              householdId,
              plannedMoveOn: moveOn || null,
              transition,
              ...(transition === 'agency' ? { rentBudget: budget } : {}),
            })
          }
        >
          {t('relocation.mine.saveArrangement')}
        </Button>
        {save.isSuccess ? (
          <span role="status">
            <CheckCircleFilled aria-hidden /> {t('relocation.mine.arrangementSaved')}
          </span>
        ) : null}
      </div>
    </>
  );
}
