import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { RiskTag } from './common.tsx';
import type { ChargingSite } from './safety.api.ts';

/** E-bike charging sites and which safety measures they lack. */
export function ChargingSitesTab({ rows, loading }: { rows: ChargingSite[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="id"
      size="small"
      scroll={{ x: true }}
      dataSource={rows}
      loading={loading}
      locale={{ emptyText: t('safety.registers.empty') }}
      columns={[
        { title: t('safety.registers.name'), dataIndex: 'name' },
        { title: t('safety.registers.place'), dataIndex: 'place' },
        {
          title: t('safety.registers.kind'),
          dataIndex: 'kind',
          render: (v: ChargingSite['kind']) => t(`safety.siteKind.${v}`),
        },
        { title: t('safety.registers.ports'), dataIndex: 'ports' },
        {
          title: t('safety.registers.hazards'),
          key: 'missing',
          render: (_: unknown, s) => {
            const missing = (['distanceOk', 'canopy', 'extinguisher', 'cctv', 'autoCutoff'] as const).filter(
              (k) => !s[k],
            );
            return missing.length
              ? missing.map((k) => <Tag key={k}>✗ {t(`safety.registers.${k}`)}</Tag>)
              : t('safety.registers.none');
          },
        },
        {
          title: t('safety.registers.risk'),
          dataIndex: 'riskLevel',
          render: (r: ChargingSite['riskLevel']) => <RiskTag level={r} />,
        },
        { title: t('safety.registers.note'), dataIndex: 'note' },
      ]}
    />
  );
}
