import { useQueryClient } from '@tanstack/react-query';
import { useLiveEvent } from '../../api/live.ts';
import { roundQueryKey } from './renewal.api.ts';

/** Refreshes one round's progress, holdouts and board as soon as any answer in it changes. */
export function useLiveRound(roundId: number): void {
  const queryClient = useQueryClient();
  useLiveEvent('round', (data) => {
    const payload = data as { roundId?: unknown } | undefined;
    if (payload?.roundId === undefined || payload.roundId === roundId) {
      void queryClient.invalidateQueries({ queryKey: roundQueryKey(roundId) });
    }
  });
}
