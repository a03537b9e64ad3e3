import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { RiskTag } from './common.tsx';
import type { Merchant } from './safety.api.ts';

/** Prepaid-card merchants: how much they issue, who holds the money, complaints, risk. */
export function MerchantsTab({ rows, loading }: { rows: Merchant[]; loading: boolean }) {
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
        { title: t('safety.registers.businessType'), dataIndex: 'businessType' },
        {
          title: t('safety.registers.issuance'),
          dataIndex: 'issuanceBand',
          render: (v: Merchant['issuanceBand']) => t(`safety.issuance.${v}`),
        },
        {
          title: t('safety.registers.custody'),
          dataIndex: 'custody',
          render: (v: Merchant['custody']) => t(`safety.custody.${v}`),
        },
        { title: t('safety.registers.complaints'), dataIndex: 'complaints' },
        {
          title: t('safety.registers.months'),
          dataIndex: 'monthsOperating',
          render: (v: number | null) => v ?? '—',
        },
        {
          title: t('safety.registers.risk'),
          dataIndex: 'riskLevel',
          render: (r: Merchant['riskLevel']) => <RiskTag level={r} />,
        },
        { title: t('safety.registers.note'), dataIndex: 'note' },
      ]}
    />
  );
}
