import { Space } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../app/session.ts';
import { useMaps, type MapFilter } from './opinion.api.ts';

/** Links from a topic, consultation round or draft to the opinion maps that inform it. */
export function OpinionLinks({ filter }: { filter: MapFilter }) {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = hasPermission(me, ['opinion.read', 'opinion.manage', 'opinion.vote']);
  const maps = useMaps(filter, allowed);
  const items = maps.data?.items ?? [];
  if (!allowed || items.length === 0) return null;
  return (
    <Space wrap>
      {items.map((m) => (
        <Link key={m.id} to={`/opinion/${m.id}`}>
          {t('opinion.links.map', { title: m.title })}
        </Link>
      ))}
    </Space>
  );
}
