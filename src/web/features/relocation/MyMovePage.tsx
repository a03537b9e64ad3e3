import { useState } from 'react';
import { Alert, Button, Checkbox, Input, InputNumber, Radio } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import {
  useBookConsultation,
  useBookStorage,
  useConfirmMove,
  useConsultations,
  useMoves,
  usePackages,
  useRentals,
  useRequestMove,
  useStorage,
  useWarehouses,
} from './relocation.api.ts';
import './relocation.css';

/** 搬家与仓库: a resident books movers and storage, confirms the move, sees offers — large and plain. */
export function MyMovePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('relocation.mine.title')}>
      <div className="gz-rl-mine">
        {me.householdId === null ? (
          <Alert type="info" showIcon title={t('relocation.mine.noHousehold')} />
        ) : (
          <>
            <MovesSection householdId={me.householdId} />
            <StorageSection householdId={me.householdId} />
            <OffersSection householdId={me.householdId} />
          </>
        )}
      </div>
    </Page>
  );
}

function today(offset = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

function MovesSection({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const moves = useMoves();
  const request = useRequestMove();
  const confirm = useConfirmMove();
  const [direction, setDirection] = useState<'out' | 'back'>('out');
  const [moveOn, setMoveOn] = useState(today(7));
  const [slot, setSlot] = useState<'am' | 'pm'>('am');
  const [volume, setVolume] = useState<number | null>(8);
  const [stairs, setStairs] = useState<number | null>(0);
  const [fragile, setFragile] = useState('');
  const [needsStorage, setNeedsStorage] = useState(false);
  return (
    <>
      <section className="gz-rl-card" aria-labelledby="rl-book-move">
        <h2 id="rl-book-move">{t('relocation.mine.bookMove')}</h2>
        <fieldset>
          <legend>{t('relocation.mine.direction')}</legend>
          <Radio.Group value={direction} onChange={(e) => setDirection(e.target.value as 'out' | 'back')}>
            <Radio value="out">{t('relocation.direction.out')}</Radio>
            <Radio value="back">{t('relocation.direction.back')}</Radio>
          </Radio.Group>
        </fieldset>
        <label className="gz-rl-field">
          {t('relocation.mine.date')}
          <Input type="date" value={moveOn} min={today()} onChange={(e) => setMoveOn(e.target.value)} />
        </label>
        <fieldset>
          <legend>{t('relocation.mine.slot')}</legend>
          <Radio.Group value={slot} onChange={(e) => setSlot(e.target.value as 'am' | 'pm')}>
            <Radio value="am">{t('relocation.slot.am')}</Radio>
            <Radio value="pm">{t('relocation.slot.pm')}</Radio>
          </Radio.Group>
        </fieldset>
        <label className="gz-rl-field">
          {t('relocation.mine.volume')}
          <InputNumber min={1} max={200} value={volume} onChange={setVolume} />
        </label>
        <label className="gz-rl-field">
          {t('relocation.mine.stairs')}
          <InputNumber min={0} max={30} value={stairs} onChange={setStairs} />
        </label>
        <label className="gz-rl-field">
          {t('relocation.mine.fragile')}
          <Input value={fragile} maxLength={500} onChange={(e) => setFragile(e.target.value)} />
        </label>
        <Checkbox checked={needsStorage} onChange={(e) => setNeedsStorage(e.target.checked)}>
          {t('relocation.mine.needsStorage')}
        </Checkbox>
        <ErrorAlert error={request.error} />
        <div className="gz-rl-buttons">
          <Button
            type="primary"
            loading={request.isPending}
            disabled={!moveOn || !volume}
            onClick={() =>
              request.mutate({
                householdId,
                direction,
                moveOn,
                slot,
                volumeM3: volume ?? 1,
                stairsFloors: stairs ?? 0,
                ...(fragile.trim() ? { fragile: fragile.trim() } : {}),
                needsStorage,
              })
            }
          >
            {t('relocation.mine.submitMove')}
          </Button>
        </div>
      </section>
      <section className="gz-rl-card" aria-labelledby="rl-my-moves">
        <h2 id="rl-my-moves">{t('relocation.mine.myMoves')}</h2>
        <ErrorAlert error={moves.error ?? confirm.error} />
        {moves.data && moves.data.items.length === 0 ? <p>{t('relocation.mine.noMoves')}</p> : null}
        <ul className="gz-rl-list">
          {(moves.data?.items ?? []).map((m) => (
            <li key={m.id} data-testid="my-move">
              <strong>
                {t(`relocation.direction.${m.direction}`)} {m.moveOn} {t(`relocation.slot.${m.slot}`)}
              </strong>{' '}
              · {t(`relocation.moveStatus.${m.status}`)}
              {m.team.length > 0 ? (
                <div>{t('relocation.mine.team', { names: m.team.map((v) => v.name).join('、') })}</div>
              ) : null}
              {m.status === 'scheduled' ? (
                <div className="gz-rl-buttons">
                  <Button
                    type="primary"
                    loading={confirm.isPending}
                    onClick={() => confirm.mutate({ id: m.id })}
                  >
                    {t('relocation.mine.confirm')}
                  </Button>
                </div>
              ) : null}
              {m.status === 'done' ? (
                <div role="status">
                  <CheckCircleFilled aria-hidden /> {t('relocation.mine.confirmed')}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function StorageSection({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const storage = useStorage();
  const book = useBookStorage();
  const [warehouseId, setWarehouseId] = useState<number | null>(null);
  const [slots, setSlots] = useState<number | null>(1);
  return (
    <section className="gz-rl-card" aria-labelledby="rl-storage">
      <h2 id="rl-storage">{t('relocation.mine.bookStorage')}</h2>
      <ErrorAlert error={warehouses.error ?? storage.error ?? book.error} />
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
        <InputNumber min={1} max={20} value={slots} onChange={setSlots} />
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
          </li>
        ))}
      </ul>
    </section>
  );
}

function OffersSection({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const rentals = useRentals();
  const packages = usePackages();
  const consultations = useConsultations();
  const book = useBookConsultation();
  const bookedVendors = new Set((consultations.data?.items ?? []).map((c) => c.packageId));
  return (
    <>
      <section className="gz-rl-card" aria-labelledby="rl-offers">
        <h2 id="rl-offers">{t('relocation.mine.offers')}</h2>
        <ErrorAlert error={rentals.error} />
        <ul className="gz-rl-list">
          {(rentals.data?.items ?? []).slice(0, 6).map((r) => (
            <li key={r.id}>
              <strong>{r.title}</strong> · {r.rent} 元/月 · {r.distanceM} 米 ·{' '}
              {r.accessible ? t('relocation.accessible') : `${r.floor}F`}
            </li>
          ))}
        </ul>
      </section>
      <section className="gz-rl-card" aria-labelledby="rl-market">
        <h2 id="rl-market">{t('relocation.mine.market')}</h2>
        <ErrorAlert error={packages.error ?? book.error} />
        <ul className="gz-rl-list">
          {(packages.data?.items ?? []).map((p) => (
            <li key={p.id}>
              <strong>
                {p.vendorName}：{p.name}
              </strong>{' '}
              · {p.price} 元<div>{p.contents}</div>
              {bookedVendors.has(p.id) ? (
                <div role="status">
                  <CheckCircleFilled aria-hidden /> {t('relocation.mine.booked')}
                </div>
              ) : (
                <Button
                  loading={book.isPending}
                  onClick={() => book.mutate({ householdId, vendorId: p.vendorId, packageId: p.id })}
                >
                  {t('relocation.mine.book')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
