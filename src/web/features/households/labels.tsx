import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { stageLabels, Stages, type Flags, type Stage } from '../../../contract/households.ts';
import { streetDay } from '../../components/streetClock.ts';

export { Stages };

/** Stage name in the interface language (the contract holds both). */
export function useStageLabel(): (stage: Stage) => string {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh';
  return (stage) => stageLabels[stage][lang];
}

/** Tag colours: light for early stages, deeper further along; the text always names the stage. */
const stageColors: Record<Stage, string> = {
  not_visited: 'default',
  visited: 'blue',
  consulted: 'geekblue',
  plan_confirmed: 'cyan',
  drawing_confirmed: 'purple',
  signed: 'green',
  moved_out: 'orange',
  under_construction: 'gold',
  accepted: 'lime',
  moved_back: 'success',
};

export function StageTag({ stage }: { stage: Stage }) {
  const label = useStageLabel();
  return (
    <Tag color={stageColors[stage]} className="gz-hh-stage">
      {label(stage)}
    </Tag>
  );
}

export const flagKeys = [
  'elderlyAlone',
  'veryOld',
  'disability',
  'hardship',
  'partyMember',
  'needsMovingHelp',
  'needsStorage',
] as const satisfies ReadonlyArray<keyof Flags>;

/** Vulnerabilities and roles as small labelled tags (独居 / 高龄 / 残疾 …); nothing when none apply. */
export function FlagTags({ flags }: { flags: Flags }) {
  const { t } = useTranslation();
  const on = flagKeys.filter((key) => flags[key]);
  if (on.length === 0) return <span className="gz-hh-muted">{t('common.none')}</span>;
  return (
    <span className="gz-hh-flags">
      {on.map((key) => (
        <Tag key={key} className={`gz-hh-flag gz-hh-flag-${key}`}>
          {t(`households.flags.${key}`)}
        </Tag>
      ))}
    </span>
  );
}

/** A follow-up date, with the word 逾期 when it has passed (never colour alone). */
export function FollowUp({ date }: { date: string | null }) {
  const { t } = useTranslation();
  if (!date) return <span className="gz-hh-muted">{t('common.none')}</span>;
  const overdue = date < streetDay();
  return overdue ? (
    <span className="gz-hh-overdue">
      {date} <Tag color="error">{t('households.overdue')}</Tag>
    </span>
  ) : (
    <span>{date}</span>
  );
}
