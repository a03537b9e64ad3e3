import { HOUR } from '../../platform/clock.ts';
import type { PeriodicTask } from '../../platform/jobs.ts';
import { purgeExpiredEntries } from './antifraud.retention.ts';

/**
 * Removes watch-list entries past their retention date (with their visits), every six hours: the
 * list keeps people only as long as the street said it needed them.
 */
export const antifraudRetentionTask: PeriodicTask = {
  name: 'antifraud.retention',
  everyMs: 6 * HOUR,
  run: async (deps) => {
    const { purged } = await purgeExpiredEntries(deps);
    if (purged > 0) deps.log.info({ purged }, 'antifraud: expired watch-list entries purged');
  },
};
