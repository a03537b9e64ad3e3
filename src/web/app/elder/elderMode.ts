/**
 * Elder mode (长辈版) state: on/off and the text-size step, kept per user in localStorage so the
 * choice follows the person on this device. Applied as a class and a CSS variable on <html>.
 */
import { createContext, use } from 'react';

/** Main text sizes of elder mode, in px (24 px = 18 pt, the MIIT minimum). */
export const ELDER_SIZES = [24, 28, 32, 36] as const;

export interface ElderState {
  on: boolean;
  /** Index into ELDER_SIZES. */
  step: number;
}

export interface ElderMode extends ElderState {
  /** Whether this user sees the elder-mode switch at all (residents). */
  available: boolean;
  size: number;
  toggle: () => void;
  larger: () => void;
  smaller: () => void;
}

const off: ElderState = { on: false, step: 0 };

export const ElderContext = createContext<ElderMode>({
  ...off,
  available: false,
  size: ELDER_SIZES[0],
  toggle: () => undefined,
  larger: () => undefined,
  smaller: () => undefined,
});

export function useElderMode(): ElderMode {
  return use(ElderContext);
}

/**
 * Where the choice is kept: per user once signed in; `null` is the device's own choice, made on the
 * sign-in and activation pages (before anyone is known) and taken as a user's start.
 */
export function storageKey(userId: number | null): string {
  return userId === null ? 'gz_elder_device' : `gz_elder_${userId}`;
}

export function readElderState(userId: number | null): ElderState {
  try {
    const raw =
      localStorage.getItem(storageKey(userId)) ??
      (userId === null ? null : localStorage.getItem(storageKey(null)));
    if (!raw) return off;
    const parsed = JSON.parse(raw) as Partial<ElderState>;
    const step = Number(parsed.step);
    return {
      on: parsed.on === true,
      step: Number.isInteger(step) ? Math.min(Math.max(step, 0), ELDER_SIZES.length - 1) : 0,
    };
  } catch {
    // Storage blocked or a damaged value: start with the normal interface.
    return off;
  }
}

/** Stores the choice for the user and as the device's (the sign-in page then opens the same way). */
export function writeElderState(userId: number | null, state: ElderState): void {
  try {
    localStorage.setItem(storageKey(userId), JSON.stringify(state));
    if (userId !== null) localStorage.setItem(storageKey(null), JSON.stringify(state));
  } catch {
    // Storage blocked: the choice lasts for this visit only.
  }
}

/** Puts the mode on <html>, so every page (and antd's portals) can follow it in CSS. */
export function applyElderState(state: ElderState | null): void {
  const root = document.documentElement;
  if (state?.on) {
    root.classList.add('gz-elder');
    root.style.setProperty('--gz-elder-size', `${ELDER_SIZES[state.step] ?? ELDER_SIZES[0]}px`);
  } else {
    root.classList.remove('gz-elder');
    root.style.removeProperty('--gz-elder-size');
  }
}
