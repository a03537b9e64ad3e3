import { useTranslation } from 'react-i18next';

/** The 共治 seal and product name. `compact` keeps only the seal and short name (phones). */
export function BrandMark({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="gz-brand">
      {/* The seal always reads 共治: it is the mark, not a translatable word. */}
      <span className="gz-brand-seal" aria-hidden="true" lang="zh-CN">
        共治
      </span>
      <span className="gz-brand-name">
        <span className="gz-brand-short">{t('app.name')}</span>
        {compact ? null : <span className="gz-brand-tagline">{t('app.tagline')}</span>}
      </span>
    </span>
  );
}
