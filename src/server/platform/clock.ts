/** Time as the application sees it. Tests swap in a controllable clock; nothing else calls `new Date()`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: for deadlines, windows and sweeps in tests. */
export class ManualClock implements Clock {
  #t: number;
  constructor(start: Date | string = '2026-11-27T08:00:00.000Z') {
    this.#t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#t);
  }
  advance(ms: number): void {
    this.#t += ms;
  }
  set(to: Date | string): void {
    this.#t = new Date(to).getTime();
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
