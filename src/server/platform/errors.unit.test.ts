import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './errors.ts';

describe('isDatabaseUnavailable', () => {
  it('recognises a database that is away: shutdown states, dropped connections, PgBouncer during a failover', () => {
    for (const error of [
      { code: '57P01', message: 'terminating connection due to administrator command' },
      { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:6432' },
      { message: 'Connection terminated unexpectedly' },
      { message: 'server conn crashed?' },
      { message: 'server login has been failing, try again later (server_login_retry)' },
      { message: 'pgbouncer cannot connect to server' },
      { message: 'Client has encountered a connection error and is not queryable' },
    ]) {
      expect(isDatabaseUnavailable(Object.assign(new Error(error.message), error)), error.message).toBe(true);
    }
  });

  it('leaves real faults as faults', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('column "x" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
