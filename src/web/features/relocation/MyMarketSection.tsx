import { useState } from 'react';
import { Button, Input, Rate, Select } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useYuan } from '../../components/money.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import {
  useBookConsultation,
  useConsultations,
  useFeedback,
  useMarketDays,
  usePackages,
  useSignContract,
  type Consultation,
} from './relocation.api.ts';
import './relocation.css';

/** 惠民市集: packages on offer, booking a consultation, then quote → contract → rating. */
export function MarketSection({ householdId }: { householdId: number }) {
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
