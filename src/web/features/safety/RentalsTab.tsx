import { Button, Space, Table, Tag, Timeline, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../../components/format.ts';
import type { RentalFlat } from './safety.api.ts';
import type { Dialog } from './RegisterDialog.tsx';

/** Rental flats with the 群租 rule's result, their checks, notices and rechecks. */
export function RentalsTab({
  rows,
  loading,
  manage,
  canRecheck,
  form,
  onDialog,
}: {
  rows: RentalFlat[];
  loading: boolean;
  manage: boolean;
  canRecheck: boolean;
  form: FormInstance;
  onDialog: (d: Dialog) => void;
}) {
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
      expandable={{
        expandedRowRender: (f) => (
          <Timeline
            items={f.checks.map((c) => ({
              color: c.flags.length ? 'red' : 'green',
              children: (
                <div>
                  <strong>
                    {c.kind === 'initial' ? t('safety.registers.initial') : t('safety.registers.recheckKind')}
                  </strong>{' '}
                  {fmt(c.checkedAt)} · {c.checkedByName ?? ''} · {c.occupants} 人 / {c.rooms} 间 / {c.areaM2}{' '}
                  m² <FlagTags flags={c.flags} />
                  {c.note ? <div style={{ color: '#595959' }}>{c.note}</div> : null}
                </div>
              ),
            }))}
          />
        ),
      }}
      columns={[
        { title: t('safety.registers.address'), dataIndex: 'address' },
        {
          title: t('safety.registers.landlord'),
          dataIndex: 'landlordName',
          render: (v: string | null) => v ?? '—',
        },
        {
          title: `${t('safety.registers.occupants')}/${t('safety.registers.rooms')}/m²`,
          key: 'facts',
          render: (_: unknown, f) => `${f.occupants} / ${f.rooms} / ${f.areaM2}`,
        },
        {
          title: t('safety.registers.rule'),
          key: 'rule',
          render: (_: unknown, f) => <FlagTags flags={f.flags} />,
        },
        {
          title: t('safety.registers.status'),
          key: 'status',
          render: (_: unknown, f) => (
            <Space direction="vertical" size={2}>
              <Tag>{t(`safety.rentalStatus.${f.status}`)}</Tag>
              {f.noticeNo ? (
                <span style={{ fontSize: 12 }}>
                  {f.noticeNo} · {t('safety.registers.deadline')} {f.noticeDeadline}
                </span>
              ) : null}
              {f.noticeOverdue ? <Tag color="red">{t('safety.registers.noticeOverdue')}</Tag> : null}
            </Space>
          ),
        },
        {
          title: '',
          key: 'actions',
          render: (_: unknown, f) => (
            <Space wrap>
              {manage && (f.status === 'flagged' || f.status === 'notice') ? (
                <Button size="small" onClick={() => onDialog({ kind: 'notice', flat: f })}>
                  {t('safety.registers.issueNotice')}
                </Button>
              ) : null}
              {canRecheck ? (
                <Button
                  size="small"
                  onClick={() => {
                    onDialog({ kind: 'recheck', flat: f });
                    form.setFieldsValue({
                      occupants: f.occupants,
                      rooms: f.rooms,
                      areaM2: f.areaM2,
                    });
                  }}
                >
                  {t('safety.registers.recheck')}
                </Button>
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** Whether the flat is a group rental (群租) under the rule, and why. */
function FlagTags({ flags }: { flags: RentalFlat['flags'] }) {
  const { t } = useTranslation();
  return flags.length === 0 ? (
    <Tag color="green">{t('safety.registers.notGroup')}</Tag>
  ) : (
    <Space wrap size={4}>
      <Tag color="red">{t('safety.registers.groupRental')}</Tag>
      {flags.map((f) => (
        <Tag key={f}>{t(`safety.rentalFlag.${f}`)}</Tag>
      ))}
    </Space>
  );
}
