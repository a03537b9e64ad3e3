import { useCallback, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider, type ThemeConfig } from 'antd';
import { useMe } from '../session.ts';
import {
  applyElderState,
  ELDER_SIZES,
  ElderContext,
  readElderState,
  writeElderState,
  type ElderMode,
  type ElderState,
} from './elderMode.ts';
import './elder.css';

/**
 * antd tokens of elder mode (MIIT 适老化): main text ≥ 24 px (18 pt), controls 60 px high, line
 * height 1.5, and text colours that keep ≥ 4.5:1 on white and on antd's pale tints (antd's secondary
 * greys and its green/orange text fall short of that).
 */
function elderTheme(size: number): ThemeConfig {
  return {
    token: {
      fontSize: size,
      fontSizeSM: size,
      fontSizeLG: size + 2,
      fontSizeHeading1: Math.round(size * 1.5),
      fontSizeHeading2: Math.round(size * 1.35),
      fontSizeHeading3: Math.round(size * 1.2),
      fontSizeHeading4: Math.round(size * 1.1),
      fontSizeHeading5: size,
      lineHeight: 1.5,
      controlHeight: 60,
      controlHeightSM: 60,
      controlHeightLG: 64,
      colorText: 'rgba(0, 0, 0, 0.92)',
      colorTextSecondary: 'rgba(0, 0, 0, 0.78)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.72)',
      colorTextDescription: 'rgba(0, 0, 0, 0.72)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.64)',
      colorTextDisabled: 'rgba(0, 0, 0, 0.6)',
      colorSuccess: '#237804',
      colorWarning: '#ad4e00',
      colorError: '#a8071a',
      colorBorder: '#8c8c8c',
    },
    components: {
      Layout: { headerHeight: 76 },
      Menu: { itemHeight: 60 },
    },
  };
}

/**
 * Elder mode for every page inside the shell. Residents get the switch; the choice is stored per
 * user on this device. Everyone else always sees the normal interface.
 */
export function ElderModeProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  return (
    <ElderModeScope userId={me.id} available={me.permissions.includes('self.read')}>
      {children}
    </ElderModeScope>
  );
}

/**
 * Elder mode for pages outside the shell (sign-in, activation): nobody is known yet, so the
 * switch is there for everyone and the choice is the device's, carried into the resident's pages.
 */
export function StandaloneElderMode({ children }: { children: ReactNode }) {
  return (
    <ElderModeScope userId={null} available>
      {children}
    </ElderModeScope>
  );
}

function ElderModeScope({
  userId,
  available,
  children,
}: {
  userId: number | null;
  available: boolean;
  children: ReactNode;
}) {
  const [state, setState] = useState<ElderState>(() => readElderState(userId));

  // A different person signs in on the same device: take their own choice.
  useEffect(() => {
    setState(readElderState(userId));
  }, [userId]);

  const applied = available && state.on;
  // Before the first paint: applied after it, every control would first be drawn at its normal
  // size and then animate (antd's transitions) to its elder size.
  useLayoutEffect(() => {
    applyElderState({ on: applied, step: state.step });
    return () => applyElderState(null);
  }, [applied, state.step]);

  const update = useCallback(
    (change: (s: ElderState) => ElderState) =>
      setState((current) => {
        const next = change(current);
        writeElderState(userId, next);
        return next;
      }),
    [userId],
  );
  const size = ELDER_SIZES[state.step] ?? ELDER_SIZES[0];
  const value = useMemo<ElderMode>(
    () => ({
      on: available && state.on,
      step: state.step,
      available,
      size,
      toggle: () => update((s) => ({ ...s, on: !s.on })),
      larger: () => update((s) => ({ ...s, step: Math.min(s.step + 1, ELDER_SIZES.length - 1) })),
      smaller: () => update((s) => ({ ...s, step: Math.max(s.step - 1, 0) })),
    }),
    [available, state.on, state.step, size, update],
  );
  const theme = useMemo(() => (value.on ? elderTheme(size) : undefined), [value.on, size]);

  return (
    <ElderContext value={value}>
      {theme ? <ConfigProvider theme={theme}>{children}</ConfigProvider> : children}
    </ElderContext>
  );
}
