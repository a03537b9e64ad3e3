import { Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useYuan } from '../../components/money.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useBookings, useMatches, useReserve } from './relocation.api.ts';
import './relocation.css';

/** 为你找房: flats ranked for this household, reserved in one tap; the reservation's progress. */
export function RentalsSection({ householdId }: { householdId: number }) {
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
