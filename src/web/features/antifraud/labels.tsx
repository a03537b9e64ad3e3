import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Tier } from '../../../contract/antifraud.ts';

const TIER_COLOURS: Record<Tier, string> = { high: 'red', medium: 'orange', low: 'blue' };

/** The tier as a tag: the word carries the meaning, the colour only repeats it. */
export function TierTag({ tier }: { tier: Tier }) {
  const { t } = useTranslation();
  return <Tag color={TIER_COLOURS[tier]}>{t(`antifraud.tierLong.${tier}`)}</Tag>;
}

export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);
