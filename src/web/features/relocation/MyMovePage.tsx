import { useState } from 'react';
import { Alert, Button, Checkbox, Input, Radio, Rate, Select, Tag } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useYuan } from '../../components/money.ts';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Page } from '../../components/Page.tsx';
import { streetDay } from '../../components/streetClock.ts';
import { StoragePhotos } from './RelocationPage.tsx';
import {
  useBookConsultation,
  useBookings,
  useBookStorage,
  useCancelMove,
  useCancelStorage,
  useConfirmMove,
  useConsultations,
  useFeedback,
  useHouseholdRelocation,
  useMarketDays,
  useMatches,
  useMoves,
  usePackages,
  useRequestMove,
  useReserve,
  useSetNeeds,
  useSignContract,
  useStorage,
  useWarehouses,
  type Consultation,
  type HouseholdRelocation,
} from './relocation.api.ts';
import './relocation.css';
import { NumberInput } from '../../components/NumberInput.tsx';

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
            <ArrangementSection householdId={me.householdId} />
            <MovesSection householdId={me.householdId} />
            <StorageSection householdId={me.householdId} />
            <RentalsSection householdId={me.householdId} />
            <MarketSection householdId={me.householdId} />
          </>
        )}
      </div>
    </Page>
  );
}

function MovesSection({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const moves = useMoves();
  const request = useRequestMove();
  const confirm = useConfirmMove();
  const cancel = useCancelMove();
  const [direction, setDirection] = useState<'out' | 'back'>('out');
  const [moveOn, setMoveOn] = useState(streetDay(7));
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
          <Input type="date" value={moveOn} min={streetDay()} onChange={(e) => setMoveOn(e.target.value)} />
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
          <NumberInput min={1} max={200} value={volume} onChange={setVolume} />
        </label>
        <label className="gz-rl-field">
          {t('relocation.mine.stairs')}
          <NumberInput min={0} max={30} value={stairs} onChange={setStairs} />
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
        <ErrorAlert error={moves.error ?? confirm.error ?? cancel.error} />
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
              {m.status === 'requested' || m.status === 'scheduled' ? (
                <div className="gz-rl-buttons">
                  <Button loading={cancel.isPending} onClick={() => cancel.mutate(m.id)}>
                    {t('relocation.mine.cancelMove')}
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

type Transition = 'self' | 'agency' | 'relatives';

/** When the household plans to move and where to: what staff watch as the date nears. */
function ArrangementSection({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const current = useHouseholdRelocation(householdId);
  return (
    <section className="gz-rl-card" aria-labelledby="rl-arrangement">
      <h2 id="rl-arrangement">{t('relocation.mine.arrangement')}</h2>
      <p className="gz-rl-meta">{t('relocation.mine.arrangementIntro')}</p>
      <ErrorAlert error={current.error} />
      {current.data ? <ArrangementForm householdId={householdId} needs={current.data.needs} /> : null}
    </section>
  );
}

function ArrangementForm({
  householdId,
  needs,
}: {
  householdId: number;
  needs: HouseholdRelocation['needs'];
}) {
  const { t } = useTranslation();
  const save = useSetNeeds();
  const [moveOn, setMoveOn] = useState(needs.plannedMoveOn ?? '');
  const [transition, setTransition] = useState<Transition | null>(needs.transition);
  const [budget, setBudget] = useState<number | null>(needs.rentBudget);
  return (
    <>
      {needs.buildingMoveOn ? (
        <Alert type="info" title={t('relocation.card.buildingMoveOn', { date: needs.buildingMoveOn })} />
      ) : null}
      <label className="gz-rl-field">
        {t('relocation.form.plannedMoveOn')}
        <Input type="date" value={moveOn} onChange={(e) => setMoveOn(e.target.value)} />
      </label>
      <fieldset>
        <legend>{t('relocation.form.transition')}</legend>
        <Radio.Group value={transition} onChange={(e) => setTransition(e.target.value as Transition)}>
          {(['self', 'agency', 'relatives'] as const).map((k) => (
            <Radio key={k} value={k}>
              {t(`relocation.transition.${k}`)}
            </Radio>
          ))}
        </Radio.Group>
      </fieldset>
      {transition === 'agency' ? (
        <label className="gz-rl-field">
          {t('relocation.form.rentBudget')}
          <NumberInput min={0} max={1_000_000} value={budget} onChange={setBudget} />
        </label>
      ) : null}
      <ErrorAlert error={save.error} />
      <div className="gz-rl-buttons">
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() =>
            save.mutate({
              householdId,
              plannedMoveOn: moveOn || null,
              transition,
              ...(transition === 'agency' ? { rentBudget: budget } : {}),
            })
          }
        >
          {t('relocation.mine.saveArrangement')}
        </Button>
        {save.isSuccess ? (
          <span role="status">
            <CheckCircleFilled aria-hidden /> {t('relocation.mine.arrangementSaved')}
          </span>
        ) : null}
      </div>
    </>
  );
}

/** 为你找房: flats ranked for this household, reserved in one tap; the reservation's progress. */
function RentalsSection({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const yuan = useYuan();
  const matches = useMatches(householdId);
  const bookings = useBookings();
  const reserve = useReserve();
  const active = (bookings.data?.items ?? []).filter((b) => b.status !== 'cancelled');
  const hasActive = active.some((b) => b.status === 'reserved' || b.status === 'contracted');
  return (
    <section className="gz-rl-card" aria-labelledby="rl-offers">
      <h2 id="rl-offers">{t('relocation.mine.offers')}</h2>
      <ErrorAlert error={matches.error ?? bookings.error ?? reserve.error} />
      {active.length > 0 ? (
        <>
          <h3>{t('relocation.mine.myBookings')}</h3>
          <ul className="gz-rl-list">
            {active.map((b) => (
              <li key={b.id} data-testid="my-booking">
                <strong>{b.rentalTitle}</strong> · {t(`relocation.bookingStatus.${b.status}`)}
                {b.contractNo ? ` · ${t('relocation.vendor.contractNo')} ${b.contractNo}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('relocation.mine.matches')}</h3>
      <p className="gz-rl-meta">{t('relocation.mine.matchesHint')}</p>
      {matches.data && matches.data.items.length === 0 ? <p>{t('relocation.mine.noMatches')}</p> : null}
      <ul className="gz-rl-list">
        {(matches.data?.items ?? []).slice(0, 8).map((r) => (
          <li key={r.id} data-testid="match">
            <strong>{r.title}</strong> · {r.vendorName}
            <div>
              {t('relocation.mine.perMonth', { amount: yuan(r.rent) })}
              {r.withinBudget ? null : (
                <Tag color="orange" style={{ marginInlineStart: 8 }}>
                  {t('relocation.mine.overBudget')}
                </Tag>
              )}
            </div>
            <div>
              {r.location} · {t('relocation.mine.meters', { n: r.distanceM })}
            </div>
            <div>
              {t(r.hasLift ? 'relocation.mine.floorLift' : 'relocation.mine.floorNoLift', { floor: r.floor })}
              {r.accessible ? ` · ${t('relocation.accessible')}` : ''}
            </div>
            <div>
              {t('relocation.mine.available', { date: r.availableFrom })} ·{' '}
              {t('relocation.mine.minMonths', { n: r.minMonths })}
              {r.feeWaived ? ` · ${t('relocation.form.feeWaived')}` : ''}
            </div>
            <div className="gz-rl-buttons">
              <Button
                type="primary"
                disabled={hasActive}
                loading={reserve.isPending && reserve.variables?.rentalId === r.id}
                aria-label={`${t('relocation.mine.reserve')} ${r.title}`}
                onClick={() => reserve.mutate({ rentalId: r.id, householdId })}
              >
                {t('relocation.mine.reserve')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 惠民市集: packages on offer, booking a consultation, then quote → contract → rating. */
function MarketSection({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const yuan = useYuan();
  const packages = usePackages();
  const days = useMarketDays();
  const consultations = useConsultations();
  const book = useBookConsultation();
  const [dayId, setDayId] = useState<number | undefined>(undefined);
  const bookedPackages = new Set(
    (consultations.data?.items ?? []).filter((c) => c.status !== 'cancelled').map((c) => c.packageId),
  );
  return (
    <>
      <section className="gz-rl-card" aria-labelledby="rl-market">
        <h2 id="rl-market">{t('relocation.mine.market')}</h2>
        <ErrorAlert error={packages.error ?? days.error ?? book.error} />
        {(days.data?.items ?? []).length > 0 ? (
          <label className="gz-rl-field">
            {t('relocation.mine.marketDay')}
            <Select
              allowClear
              value={dayId}
              onChange={setDayId}
              options={(days.data?.items ?? []).map((d) => ({
                value: d.id,
                label: `${d.onDate} ${d.title}（${d.place}）`,
              }))}
            />
          </label>
        ) : null}
        <ul className="gz-rl-list">
          {(packages.data?.items ?? []).map((p) => (
            <li key={p.id}>
              <strong>
                {p.vendorName}：{p.name}
              </strong>{' '}
              · {yuan(p.price)}
              <div>{p.contents}</div>
              {bookedPackages.has(p.id) ? (
                <div role="status">
                  <CheckCircleFilled aria-hidden /> {t('relocation.mine.booked')}
                </div>
              ) : (
                <div className="gz-rl-buttons">
                  <Button
                    loading={book.isPending && book.variables?.packageId === p.id}
                    aria-label={`${t('relocation.mine.book')} ${p.vendorName} ${p.name}`}
                    onClick={() =>
                      book.mutate({
                        householdId,
                        vendorId: p.vendorId,
                        packageId: p.id,
                        ...(dayId ? { marketDayId: dayId } : {}),
                      })
                    }
                  >
                    {t('relocation.mine.book')}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section className="gz-rl-card" aria-labelledby="rl-consultations">
        <h2 id="rl-consultations">{t('relocation.mine.myConsultations')}</h2>
        <ErrorAlert error={consultations.error} />
        {consultations.data && consultations.data.items.length === 0 ? (
          <p>{t('relocation.mine.noConsultations')}</p>
        ) : null}
        <ul className="gz-rl-list">
          {(consultations.data?.items ?? []).map((c) => (
            <ConsultationItem key={c.id} consultation={c} />
          ))}
        </ul>
      </section>
    </>
  );
}

function ConsultationItem({ consultation: c }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const yuan = useYuan();
  const sign = useSignContract();
  const feedback = useFeedback();
  const [contractNo, setContractNo] = useState('');
  const [rating, setRating] = useState(c.rating ?? 0);
  const [complaint, setComplaint] = useState('');
  return (
    <li data-testid="my-consultation">
      <strong>
        {c.vendorName}
        {c.packageName ? `：${c.packageName}` : ''}
      </strong>{' '}
      · {t(`relocation.consultationStatus.${c.status}`)}
      {c.quoteAmount !== null ? (
        <div>{t('relocation.mine.quote', { amount: yuan(c.quoteAmount) })}</div>
      ) : null}
      {c.quoteNote ? <div className="gz-rl-meta">{c.quoteNote}</div> : null}
      {c.contractNo ? (
        <div>
          {t('relocation.vendor.contractNo')} {c.contractNo}
        </div>
      ) : null}
      {c.status === 'quoted' ? (
        <>
          <label className="gz-rl-field">
            {t('relocation.mine.contractNo')}
            <Input value={contractNo} maxLength={50} onChange={(e) => setContractNo(e.target.value)} />
          </label>
          <div className="gz-rl-buttons">
            <Button
              type="primary"
              disabled={!contractNo.trim()}
              loading={sign.isPending}
              onClick={() => sign.mutate({ id: c.id, contractNo: contractNo.trim() })}
            >
              {t('relocation.mine.sign')}
            </Button>
          </div>
          <ErrorAlert error={sign.error} />
        </>
      ) : null}
      {c.rating !== null ? <div role="status">{t('relocation.mine.rated', { n: c.rating })}</div> : null}
      {c.complaint ? <div role="status">{t('relocation.mine.complained')}</div> : null}
      {c.status !== 'cancelled' ? (
        <fieldset>
          <legend>{t('relocation.mine.rate')}</legend>
          <Rate
            value={rating}
            onChange={setRating}
            aria-label={`${t('relocation.mine.rate')} ${c.vendorName}`}
          />
          <label className="gz-rl-field">
            {t('relocation.mine.complaint')}
            <Input.TextArea
              rows={2}
              value={complaint}
              maxLength={2000}
              onChange={(e) => setComplaint(e.target.value)}
            />
          </label>
          <div className="gz-rl-buttons">
            <Button
              disabled={rating === 0 && !complaint.trim()}
              loading={feedback.isPending}
              onClick={() =>
                feedback.mutate(
                  {
                    id: c.id,
                    ...(rating > 0 ? { rating } : {}),
                    ...(complaint.trim() ? { complaint: complaint.trim() } : {}),
                  },
                  { onSuccess: () => setComplaint('') },
                )
              }
            >
              {t('relocation.mine.sendFeedback')}
            </Button>
          </div>
          <ErrorAlert error={feedback.error} />
        </fieldset>
      ) : null}
    </li>
  );
}
