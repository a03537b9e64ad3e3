import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { HouseholdOption } from './council.api.ts';

/**
 * Picks households of the street by address (21号101) or a person's name. `endpoint` is the
 * module's own search (council or mediation), so the picker follows that module's permission.
 * `known` gives the labels of households already chosen (when editing).
 */
export function HouseholdPicker({
  endpoint,
  value,
  onChange,
  onPick,
  multiple = false,
  known = [],
  id,
  ...rest
}: {
  endpoint: '/council/households' | '/mediation/households';
  value?: number | number[] | null;
  onChange?: (value: number | number[] | null) => void;
  onPick?: (household: HouseholdOption | undefined) => void;
  multiple?: boolean;
  known?: ReadonlyArray<{ id: number; label: string }>;
  id?: string;
  'aria-label'?: string;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const options = useQuery({
    queryKey: ['household-picker', endpoint, q],
    queryFn: ({ signal }) => api.get<HouseholdOption[]>(endpoint, q ? { q } : undefined, { signal }),
    staleTime: 30_000,
  });
  const [seen, setSeen] = useState<Map<number, string>>(() => new Map(known.map((k) => [k.id, k.label])));
  useEffect(() => {
    if (!options.data?.length) return;
    setSeen((prev) => {
      const next = new Map(prev);
      for (const h of options.data) next.set(h.id, `${h.label} ${h.headName}`);
      return next;
    });
  }, [options.data]);
  const found = options.data ?? [];
  const chosen = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  const list = [
    ...found.map((h) => ({ value: h.id, label: `${h.label} ${h.headName}` })),
    ...chosen
      .filter((v) => !found.some((h) => h.id === v))
      .map((v) => ({ value: v, label: seen.get(v) ?? `#${v}` })),
  ];
  return (
    <Select<number | number[]>
      {...rest}
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      showSearch
      filterOption={false}
      placeholder={t('council.picker.placeholder')}
      notFoundContent={options.isFetching ? t('council.picker.searching') : t('council.picker.none')}
      onSearch={setTyped}
      value={value ?? undefined}
      options={list}
      onChange={(v) => {
        onChange?.(v ?? null);
        if (!multiple) onPick?.(found.find((h) => h.id === v));
      }}
    />
  );
}
