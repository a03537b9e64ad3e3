import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeviceKind } from './iot.api.ts';

export const SEVERITY_COLOUR = { critical: 'red', warning: 'orange', info: 'blue' } as const;
/** Marker colours: colour-blind-safe blue/grey/red/light-grey, and each state also has its own shape. */
export const STATE_COLOUR = {
  online: '#1677ff',
  offline: '#8c8c8c',
  alarm: '#cf1322',
  disabled: '#d9d9d9',
} as const;

export function SeverityTag({ severity }: { severity: 'info' | 'warning' | 'critical' }) {
  const { t } = useTranslation();
  return <Tag color={SEVERITY_COLOUR[severity]}>{t(`iot.severity.${severity}`)}</Tag>;
}

export function useKindLabel(): (kind: DeviceKind) => string {
  const { t } = useTranslation();
  return (kind) => t(`iot.kind.${kind}`);
}
