import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Input } from 'antd';
import { CheckCircleFilled, FileTextOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useYuan } from '../../components/money.ts';
import { useMe } from '../../app/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { Page } from '../../components/Page.tsx';
import { useDateTimeFormat } from '../../components/format.ts';
import { useHousehold } from '../households/households.api.ts';
import { useStageLabel } from '../households/labels.tsx';
import {
  useConfirmDrawing,
  useConfirmPlan,
  useDrawings,
  useHouseholdRounds,
  usePlans,
  useRequestDrawingChange,
  type HouseholdRound,
} from './renewal.api.ts';
import { drawingHref } from './DrawingsCard.tsx';
import { AllowancesTable } from './PlanAllowances.tsx';
import './renewal.css';

/** 我的家: a resident's own household in large, plain steps (many residents are elderly). */
export function MyHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.householdId === null) {
    return (
      <Page title={t('renewal.myHome.title')}>
        <div className="gz-rn-home">
          <Alert type="info" showIcon title={t('renewal.myHome.noHousehold')} />
        </div>
      </Page>
    );
  }
  return <MyHome householdId={me.householdId} />;
}

function MyHome({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const stageLabel = useStageLabel();
  const household = useHousehold(householdId);
  if (household.isPending) return <FullPageSpin />;
  if (!household.data) {
    return (
      <Page title={t('renewal.myHome.title')}>
        <ErrorAlert
          error={household.error}
          title={t('errors.loadFailed')}
          onRetry={() => void household.refetch()}
        />
      </Page>
    );
  }
  const h = household.data;
  return (
    <Page title={t('renewal.myHome.title')}>
      <div className="gz-rn-home">
        <section className="gz-rn-home-card gz-rn-home-stage">
          <div className="gz-rn-home-address">
            {h.estateName} {h.buildingNumber}
            {h.room}
          </div>
          <div>
            {t('renewal.myHome.stage')}：<strong data-testid="home-stage">{stageLabel(h.stage)}</strong>
          </div>
        </section>
        <PlanStep householdId={householdId} />
        <DrawingStep householdId={householdId} />
        <RoundsStep householdId={householdId} />
      </div>
    </Page>
  );
}

function PlanStep({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const yuan = useYuan();
  const plans = usePlans(householdId);
  const confirm = useConfirmPlan(householdId);
  const [asking, setAsking] = useState(false);
  const latest = [...(plans.data?.items ?? [])].sort((a, b) => b.version - a.version)[0];
  return (
    <section className="gz-rn-home-card" aria-labelledby="home-plan">
      <h2 id="home-plan">{t('renewal.myHome.step1')}</h2>
      <ErrorAlert error={plans.error ?? confirm.error} />
      {!latest ? (
        plans.isPending ? null : (
          <p>{t('renewal.myHome.waitingPlan')}</p>
        )
      ) : (
        <>
          <p className="gz-rn-home-summary">
            {t('renewal.myHome.planSummary', {
              layout: `${latest.layoutOption.code} ${latest.layoutOption.name}`,
              area: latest.addedArea,
              transition: t(`renewal.transition.${latest.transition}`),
              total: yuan(latest.total),
            })}
          </p>
          {latest.specialNeeds ? (
            <p>
              {t('renewal.plans.specialNeeds')}：{latest.specialNeeds}
            </p>
          ) : null}
          <AllowancesTable plan={latest} />
          <p>
            <a
              href={`/api/households/${householdId}/plans/${latest.version}/pdf`}
              target="_blank"
              rel="noreferrer"
            >
              <FileTextOutlined aria-hidden /> {t('renewal.plans.pdf')}
            </a>
          </p>
          {latest.confirmedAt ? (
            <DoneNote focus={!confirm.isIdle}>{t('renewal.myHome.planDone')}</DoneNote>
          ) : asking ? (
            <div className="gz-rn-home-confirm">
              <p>
                <strong>{t('renewal.myHome.readAgain')}</strong>
              </p>
              <div className="gz-rn-home-buttons">
                <Button
                  type="primary"
                  size="large"
                  loading={confirm.isPending}
                  onClick={() =>
                    confirm.mutate(
                      { version: latest.version, body: { method: 'online' } },
                      { onSuccess: () => setAsking(false) },
                    )
                  }
                >
                  {t('renewal.myHome.confirmFinal')}
                </Button>
                <Button size="large" onClick={() => setAsking(false)}>
                  {t('renewal.myHome.cancel')}
                </Button>
              </div>
            </div>
          ) : (
            <div className="gz-rn-home-buttons">
              <Button type="primary" size="large" onClick={() => setAsking(true)}>
                {t('renewal.plans.confirm')}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function DrawingStep({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const drawings = useDrawings(householdId);
  const confirm = useConfirmDrawing(householdId);
  const requestChange = useRequestDrawingChange(householdId);
  const [asking, setAsking] = useState(false);
  const [changing, setChanging] = useState(false);
  const [text, setText] = useState('');
  const formatDate = useDateTimeFormat();
  const latest = [...(drawings.data?.drawings ?? [])].sort((a, b) => b.version - a.version)[0];
  // A change request the designer has not answered with a new version yet: nothing to confirm until then.
  const pending = drawings.data?.changeRequests.find((c) => c.status === 'open');
  return (
    <section className="gz-rn-home-card" aria-labelledby="home-drawing">
      <h2 id="home-drawing">{t('renewal.myHome.step2')}</h2>
      <ErrorAlert error={drawings.error ?? confirm.error ?? requestChange.error} />
      {!latest ? (
        drawings.isPending ? null : (
          <p>{t('renewal.myHome.waitingDrawing')}</p>
        )
      ) : (
        <>
          <p>{t('renewal.myHome.drawingIntro', { v: latest.version })}</p>
          {latest.comment ? <p className="gz-rn-muted">{latest.comment}</p> : null}
          <div className="gz-rn-home-buttons">
            <Button
              size="large"
              href={drawingHref(latest)}
              target="_blank"
              icon={<FileTextOutlined aria-hidden />}
            >
              {t('renewal.drawings.file')}
            </Button>
          </div>
          {latest.confirmedAt ? (
            <DoneNote focus={!confirm.isIdle}>{t('renewal.myHome.drawingDone')}</DoneNote>
          ) : pending ? (
            <DoneNote focus={!requestChange.isIdle}>
              {t('renewal.myHome.changePending', { date: formatDate(pending.createdAt) })}
              <br />
              <span className="gz-rn-home-quote">{pending.content}</span>
            </DoneNote>
          ) : asking ? (
            <div className="gz-rn-home-confirm">
              <p>
                <strong>{t('renewal.myHome.readAgainDrawing')}</strong>
              </p>
              <div className="gz-rn-home-buttons">
                <Button
                  type="primary"
                  size="large"
                  loading={confirm.isPending}
                  onClick={() =>
                    confirm.mutate(
                      { version: latest.version, body: { method: 'online' } },
                      { onSuccess: () => setAsking(false) },
                    )
                  }
                >
                  {t('renewal.myHome.confirmFinal')}
                </Button>
                <Button size="large" onClick={() => setAsking(false)}>
                  {t('renewal.myHome.cancel')}
                </Button>
              </div>
            </div>
          ) : (
            <div className="gz-rn-home-buttons">
              <Button type="primary" size="large" onClick={() => setAsking(true)}>
                {t('renewal.drawings.confirm')}
              </Button>
              <Button size="large" onClick={() => setChanging((v) => !v)}>
                {t('renewal.myHome.askChange')}
              </Button>
            </div>
          )}
          {changing && !latest.confirmedAt && !pending ? (
            <div className="gz-rn-home-confirm">
              <label htmlFor="home-change">{t('renewal.drawings.changeContent')}</label>
              <Input.TextArea
                id="home-change"
                rows={4}
                maxLength={2000}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={t('renewal.myHome.changePlaceholder')}
              />
              <div className="gz-rn-home-buttons">
                <Button
                  type="primary"
                  size="large"
                  disabled={!text.trim()}
                  loading={requestChange.isPending}
                  onClick={() =>
                    requestChange.mutate(text.trim(), {
                      onSuccess: () => {
                        setText('');
                        setChanging(false);
                      },
                    })
                  }
                >
                  {t('renewal.myHome.send')}
                </Button>
              </div>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

/**
 * The note that replaces the buttons once the household has acted. It takes the focus when it replaces
 * the button that had it (`focus`: the action was taken on this visit, otherwise focus would fall to
 * <body>; the note may appear while the action still refreshes the page), and is read out as a status.
 */
function DoneNote({ focus, children }: { focus: boolean; children: ReactNode }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <p ref={ref} tabIndex={-1} className="gz-rn-home-done" role="status">
      <CheckCircleFilled aria-hidden /> {children}
    </p>
  );
}

/**
 * A signing round told from the household's side: signed or not (and with which agreement), and, until
 * signed, where, when and how to sign — in person, with the documents the street asks for.
 */
function SigningState({ round: r }: { round: HouseholdRound }) {
  const { t } = useTranslation();
  const formatDate = useDateTimeFormat();
  if (r.decision === 'agree')
    return (
      <p className="gz-rn-home-done" data-testid="signing-state">
        <CheckCircleFilled aria-hidden />{' '}
        {t('renewal.myHome.signed', {
          date: r.respondedAt ? formatDate(r.respondedAt) : '',
          no: r.agreementNo ?? '',
        })}
      </p>
    );
  const window =
    r.opensOn || r.closesOn
      ? t('renewal.myHome.signWindow', { from: r.opensOn ?? '', to: r.closesOn ?? '' })
      : null;
  return (
    <div data-testid="signing-state">
      <p>
        <strong>
          {r.decision
            ? t('renewal.myHome.notSignedYet', { d: t(`renewal.decision.${r.decision}`) })
            : t('renewal.myHome.toSign')}
        </strong>
      </p>
      {r.status === 'open' ? (
        <dl className="gz-rn-home-how">
          <dt>{t('renewal.myHome.signWhere')}</dt>
          <dd>{r.signingPlace ?? t('renewal.myHome.signAskCadre')}</dd>
          <dt>{t('renewal.myHome.signWhen')}</dt>
          <dd>{[window, r.signingHours].filter(Boolean).join('，') || t('renewal.myHome.signAskCadre')}</dd>
          <dt>{t('renewal.myHome.signHow')}</dt>
          <dd>
            {t('renewal.myHome.signInPerson')}
            {r.signingBring ? t('renewal.myHome.signBring', { what: r.signingBring }) : ''}
          </dd>
        </dl>
      ) : null}
    </div>
  );
}

function RoundsStep({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const rounds = useHouseholdRounds(householdId);
  return (
    <section className="gz-rn-home-card" aria-labelledby="home-rounds">
      <h2 id="home-rounds">{t('renewal.myHome.step3')}</h2>
      <ErrorAlert error={rounds.error} />
      {(rounds.data ?? []).length === 0 && !rounds.isPending ? (
        <p>{t('renewal.householdRounds.none')}</p>
      ) : null}
      <ul className="gz-rn-home-rounds">
        {(rounds.data ?? []).map((r) => (
          <li key={r.roundId}>
            <div>
              <strong>{r.title}</strong>
            </div>
            {r.kind === 'signing' ? (
              <SigningState round={r} />
            ) : (
              <div>
                {t('renewal.myHome.yourAnswer', {
                  d: r.decision ? t(`renewal.decision.${r.decision}`) : t('renewal.decision.none'),
                })}
              </div>
            )}
            <Link className="gz-rn-home-link" to={`/rounds/${r.roundId}/board`}>
              {t('renewal.myHome.viewBoard')}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
