import { Space } from 'antd';
import { hasPermission, useMe } from '../../app/session.ts';
import './renewal.css';
import { PlansCard } from './PlansCard.tsx';
import { DrawingsCard } from './DrawingsCard.tsx';
import { HouseholdRoundsCard } from './HouseholdRoundsCard.tsx';
import { AcceptanceCard } from './AcceptanceCard.tsx';
import { ActivationLetterCard } from './ActivationLetterCard.tsx';

/** The renewal part of one household's file: plan, drawing, rounds, acceptance, activation letter. */
export function RenewalCards({ householdId }: { householdId: number }) {
  const me = useMe();
  return (
    <Space orientation="vertical" size={16} className="gz-rn-stack">
      <PlansCard householdId={householdId} />
      <DrawingsCard householdId={householdId} />
      <HouseholdRoundsCard householdId={householdId} />
      <AcceptanceCard householdId={householdId} />
      {hasPermission(me, 'resident.activate') ? <ActivationLetterCard householdId={householdId} /> : null}
    </Space>
  );
}
