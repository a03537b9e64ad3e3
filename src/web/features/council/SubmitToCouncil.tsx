import { TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { ButtonLink } from '../../components/ButtonLink.tsx';
import type { LinkableSource } from './council.api.ts';

/** The council page with the new-topic form prefilled from this record and linked to it. */
export function topicDraftPath(source: LinkableSource, id: number): string {
  return `/council?tab=topics&source=${source}&ref=${id}`;
}

/**
 * "提交议事": raises a visit, concern or suggestion as a council topic (for those who manage the
 * council hall; nothing for others). `what` names the record for screen readers.
 */
export function SubmitToCouncil({ source, id, what }: { source: LinkableSource; id: number; what: string }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!hasPermission(me, 'council.manage')) return null;
  return (
    <ButtonLink
      size="small"
      icon={<TeamOutlined aria-hidden />}
      to={topicDraftPath(source, id)}
      aria-label={`${t('council.topicSource.submit')} ${what}`}
    >
      {t('council.topicSource.submit')}
    </ButtonLink>
  );
}
