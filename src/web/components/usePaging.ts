import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TablePaginationConfig } from 'antd';

const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_SIZE = 20;

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/**
 * Server-side paging kept in the address (`?page=3&size=50`): reload, back button and shared
 * links show the same page. Yields `limit`/`offset` for the API and the antd pagination config.
 */
export function usePaging() {
  const { t, i18n } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = positiveInt(searchParams.get('page'), 1);
  const sizeParam = positiveInt(searchParams.get('size'), DEFAULT_SIZE);
  const size = (PAGE_SIZES as readonly number[]).includes(sizeParam) ? sizeParam : DEFAULT_SIZE;

  const setPage = (nextPage: number, nextSize: number) => {
    setSearchParams((params) => {
      const next = new URLSearchParams(params);
      // Changing the page size restarts at page 1: the old page number means other rows now.
      const effectivePage = nextSize === size ? nextPage : 1;
      if (effectivePage > 1) next.set('page', String(effectivePage));
      else next.delete('page');
      if (nextSize !== DEFAULT_SIZE) next.set('size', String(nextSize));
      else next.delete('size');
      return next;
    });
  };

  // A capped total (a whole street's list) reads "共 2,000+ 条": the pages go that far, the list further.
  const tablePagination = (total: number, capped = false): TablePaginationConfig => ({
    current: page,
    pageSize: size,
    total,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES.map(String),
    showTotal: (count) =>
      capped
        ? t('common.totalCapped', { total: count.toLocaleString(i18n.language) })
        : t('common.total', { total: count }),
    onChange: setPage,
  });

  return { page, size, limit: size, offset: (page - 1) * size, tablePagination };
}
