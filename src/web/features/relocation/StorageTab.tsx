import { useState } from 'react';
import { Button, Input, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FormButton } from './ModalForm.tsx';
import { WarehouseForm } from './WarehouseForm.tsx';
import {
  useCheckIn,
  useCheckOut,
  useStorage,
  useWarehouses,
  type Storage,
  type Warehouse,
} from './relocation.api.ts';
import { SectionHead } from './SectionHead.tsx';
import { PhotoUpload, StoragePhotos } from './StoragePhotos.tsx';

function parseItems(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(.*?)[\s×x*]+(\d+)$/.exec(l);
      return m ? { name: m[1]!.trim(), quantity: Number(m[2]) } : { name: l, quantity: 1 };
    });
}

export function StorageTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const storage = useStorage();
  return (
    <>
      <ErrorAlert error={warehouses.error ?? storage.error} />
      <SectionHead
        title={t('relocation.staff2.warehouses')}
        action={
          manage ? (
            <FormButton
              label={t('relocation.form.addWarehouse')}
              render={(close) => <WarehouseForm onClose={close} />}
            />
          ) : null
        }
      />
      <Table<Warehouse>
        rowKey="id"
        size="middle"
        pagination={false}
        loading={warehouses.isPending}
        dataSource={warehouses.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('relocation.col.warehouse'), dataIndex: 'name' },
          { title: t('relocation.form.address'), dataIndex: 'address' },
          { title: t('relocation.form.provider'), dataIndex: 'provider' },
          { title: t('relocation.col.capacity'), dataIndex: 'capacitySlots' },
          { title: t('relocation.col.used'), dataIndex: 'usedSlots' },
          {
            title: t('relocation.col.free'),
            render: (_, w) => (w.freeSlots === 0 ? <Tag color="red">0</Tag> : w.freeSlots),
          },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  render: (_: unknown, w: Warehouse) => (
                    <FormButton
                      edit
                      label={`${t('relocation.form.editWarehouse')} ${w.name}`}
                      render={(close) => <WarehouseForm warehouse={w} onClose={close} />}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <SectionHead title={t('relocation.staff2.storage')} />
      <Table<Storage>
        rowKey="id"
        size="middle"
        loading={storage.isPending}
        dataSource={storage.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('relocation.col.household'),
            render: (_, s) => <Link to={`/households/${s.householdId}`}>{s.householdLabel}</Link>,
          },
          { title: t('relocation.col.warehouse'), dataIndex: 'warehouseName' },
          { title: t('relocation.col.slots'), dataIndex: 'slots' },
          {
            title: t('relocation.col.status'),
            render: (_, s) => <Tag>{t(`relocation.storageStatus.${s.status}`)}</Tag>,
          },
          {
            title: t('relocation.col.items'),
            render: (_, s) => (
              <>
                {s.items.map((i) => `${i.name}×${i.quantity}`).join('、')}
                <StoragePhotos storage={s} />
              </>
            ),
          },
          { title: t('relocation.col.signedBy'), dataIndex: 'signedBy' },
          ...(manage
            ? [
                {
                  title: t('relocation.col.actions'),
                  // the inventory column can be long: check-in/out stays in view at the right edge
                  fixed: 'right' as const,
                  render: (_: unknown, s: Storage) => <StorageActions storage={s} />,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

function StorageActions({ storage }: { storage: Storage }) {
  const { t } = useTranslation();
  const checkIn = useCheckIn();
  const checkOut = useCheckOut();
  const [items, setItems] = useState('');
  const [signer, setSigner] = useState('');
  if (storage.status === 'booked')
    return (
      <div>
        <Input.TextArea
          aria-label={`${t('relocation.checkInItems')} ${storage.householdLabel}`}
          placeholder={t('relocation.checkInItems')}
          rows={2}
          value={items}
          onChange={(e) => setItems(e.target.value)}
        />
        <Space wrap style={{ marginTop: 6 }}>
          <Button
            type="primary"
            disabled={parseItems(items).length === 0}
            loading={checkIn.isPending}
            onClick={() => checkIn.mutate({ id: storage.id, items: parseItems(items) })}
          >
            {t('relocation.checkIn')}
          </Button>
          <PhotoUpload storage={storage} />
        </Space>
        <ErrorAlert error={checkIn.error} />
      </div>
    );
  if (storage.status === 'stored')
    return (
      <div>
        <Space wrap>
          <PhotoUpload storage={storage} />
          <Input
            aria-label={`${t('relocation.signedByPlaceholder')} ${storage.householdLabel}`}
            placeholder={t('relocation.signedByPlaceholder')}
            value={signer}
            onChange={(e) => setSigner(e.target.value)}
          />
          <Button
            disabled={!signer.trim()}
            loading={checkOut.isPending}
            onClick={() => checkOut.mutate({ id: storage.id, signedBy: signer.trim() })}
          >
            {t('relocation.checkOut')}
          </Button>
        </Space>
        <ErrorAlert error={checkOut.error} />
      </div>
    );
  return null;
}
