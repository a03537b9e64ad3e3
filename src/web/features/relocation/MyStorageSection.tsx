import { useState } from 'react';
import { Button, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { StoragePhotos } from './StoragePhotos.tsx';
import { useBookStorage, useCancelStorage, useStorage, useWarehouses } from './relocation.api.ts';
import './relocation.css';
import { NumberInput } from '../../components/NumberInput.tsx';

export function StorageSection({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const storage = useStorage();
  const book = useBookStorage();
  const cancel = useCancelStorage();
  const [warehouseId, setWarehouseId] = useState<number | null>(null);
  const [slots, setSlots] = useState<number | null>(1);
  return (
    <section className="gz-rl-card" aria-labelledby="rl-storage">
      <h2 id="rl-storage">{t('relocation.mine.bookStorage')}</h2>
      <ErrorAlert error={warehouses.error ?? storage.error ?? book.error ?? cancel.error} />
      <fieldset>
        <legend>{t('relocation.mine.warehouse')}</legend>
        <Radio.Group value={warehouseId} onChange={(e) => setWarehouseId(e.target.value as number)}>
          {(warehouses.data?.items ?? []).map((w) => (
            <Radio key={w.id} value={w.id} disabled={w.freeSlots === 0}>
              {w.name}（{t('relocation.mine.freeSlots', { n: w.freeSlots })}）
            </Radio>
          ))}
        </Radio.Group>
      </fieldset>
      <label className="gz-rl-field">
        {t('relocation.mine.slots')}
        <NumberInput min={1} max={20} value={slots} onChange={setSlots} />
      </label>
      <div className="gz-rl-buttons">
        <Button
          type="primary"
          disabled={warehouseId === null}
          loading={book.isPending}
          onClick={() => warehouseId !== null && book.mutate({ householdId, warehouseId, slots: slots ?? 1 })}
        >
          {t('relocation.mine.submitStorage')}
        </Button>
      </div>
      <h3>{t('relocation.mine.myStorage')}</h3>
      {storage.data && storage.data.items.length === 0 ? <p>{t('relocation.mine.noStorage')}</p> : null}
      <ul className="gz-rl-list">
        {(storage.data?.items ?? []).map((s) => (
          <li key={s.id} data-testid="my-storage">
            <strong>{s.warehouseName}</strong> · {s.slots} · {t(`relocation.storageStatus.${s.status}`)}
            {s.items.length > 0 ? (
              <div>{s.items.map((i) => `${i.name}×${i.quantity}`).join('、')}</div>
            ) : null}
            <StoragePhotos storage={s} />
            {s.signedBy ? (
              <div>
                {t('relocation.col.signedBy')}：{s.signedBy}
              </div>
            ) : null}
            {s.status === 'booked' ? (
              <div className="gz-rl-buttons">
                <Button loading={cancel.isPending} onClick={() => cancel.mutate(s.id)}>
                  {t('relocation.mine.cancelStorage')}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
