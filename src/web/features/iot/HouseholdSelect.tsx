import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page as ApiPage } from '../../api/client.ts';

interface HouseholdOption {
  id: number;
  estateId: number;
  buildingNumber: string;
  room: string;
  headName: string;
}

function useHouseholdSearch(q: string) {
  return useQuery({
    queryKey: ['iot', 'household-search', q],
    queryFn: ({ signal }) => api.get<ApiPage<HouseholdOption>>('/households', { q, limit: 20 }, { signal }),
    enabled: q.trim().length > 0,
  });
}

export function HouseholdSelect({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: number;
  onChange?: (v: number | undefined) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useHouseholdSearch(q);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={onChange}
      placeholder={t('iot.devices.householdPlaceholder')}
      loading={search.isFetching}
      options={(search.data?.items ?? []).map((h) => ({
        value: h.id,
        label: `${h.buildingNumber} ${h.room}室 ${h.headName}`,
      }))}
    />
  );
}
