import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** Buildings of the street, grouped by estate, for the building register. */
export function BuildingSelect(props: { value?: number; onChange?: (v: number) => void }) {
  const estates = useEstateBuildings();
  return (
    <Select
      {...props}
      showSearch
      optionFilterProp="label"
      options={estates.map((e) => ({
        label: e.name,
        options: e.buildings.map((b) => ({ value: b.id, label: `${e.name} ${b.number}` })),
      }))}
    />
  );
}

function useEstateBuildings(): Array<{ name: string; buildings: Array<{ id: number; number: string }> }> {
  const q = useQuery({
    queryKey: ['safety', 'estate-buildings'],
    queryFn: async ({ signal }) => {
      const estates = await api.get<{ items: Array<{ id: number; name: string }> }>('/estates', undefined, {
        signal,
      });
      return Promise.all(
        estates.items.map(async (e) => ({
          name: e.name,
          buildings: (
            await api.get<{ items: Array<{ id: number; number: string }> }>(
              `/estates/${e.id}/buildings`,
              undefined,
              { signal },
            )
          ).items,
        })),
      );
    },
  });
  return q.data ?? [];
}
