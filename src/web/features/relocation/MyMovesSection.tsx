import { useState } from 'react';
import { Button, Checkbox, Input, Radio } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { streetDay } from '../../components/streetClock.ts';
import { useCancelMove, useConfirmMove, useMoves, useRequestMove } from './relocation.api.ts';
import './relocation.css';
import { NumberInput } from '../../components/NumberInput.tsx';

export function MovesSection({ householdId }: { householdId: number }) {
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
