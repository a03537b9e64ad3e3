import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../components/format.ts';
import { RiskTag } from './common.tsx';
import type { BuildingRisk } from './safety.api.ts';

/** Buildings with their fire hazards and risk level. */
export function BuildingsTab({ rows, loading }: { rows: BuildingRisk[]; loading: boolean }) {
  const { t } = useTranslation();
  const fmt = useDateTimeFormat();
  return (
    <Table
      rowKey="id"
      size="small"
      scroll={{ x: true }}
      dataSource={rows}
      loading={loading}
      locale={{ emptyText: t('safety.registers.empty') }}
      columns={[
        { title: t('safety.registers.building'), dataIndex: 'buildingLabel' },
        {
          title: t('safety.registers.hazards'),
          dataIndex: 'hazards',
          render: (h: BuildingRisk['hazards']) =>
            h.length
              ? h.map((x) => <Tag key={x}>{t(`safety.hazard.${x}`)}</Tag>)
              : t('safety.registers.none'),
        },
        {
          title: t('safety.registers.risk'),
          dataIndex: 'riskLevel',
          render: (r: BuildingRisk['riskLevel']) => <RiskTag level={r} />,
        },
        { title: t('safety.registers.note'), dataIndex: 'note' },
        {
          title: t('safety.registers.checkedAt'),
          dataIndex: 'checkedAt',
          render: (v: string) => fmt(v),
        },
      ]}
    />
  );
}
