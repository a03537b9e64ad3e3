import { Button, Grid } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useElderMode } from './elderMode.ts';

/**
 * Where the switch goes: in the header, except on a phone in elder mode, where the header keeps
 * only icons (one row) and the switch, with its long "退出长辈版", sits in the elder toolbar.
 */
export function useElderSwitchInToolbar(): boolean {
  const elder = useElderMode();
  const phone = Grid.useBreakpoint().md === false;
  return elder.on && phone;
}

/**
 * The "长辈版" button: shown to residents, pressed state when on. In the shell it is in the header
 * or the toolbar (see above); a page without a toolbar (sign-in, activation) keeps it in place.
 */
export function ElderSwitch({ place = 'header' }: { place?: 'header' | 'toolbar' | 'fixed' }) {
  const { t } = useTranslation();
  const elder = useElderMode();
  const inToolbar = useElderSwitchInToolbar();
  if (!elder.available) return null;
  if (place !== 'fixed' && inToolbar !== (place === 'toolbar')) return null;
  return (
    <Button
      className="gz-elder-switch"
      type={elder.on ? 'primary' : 'default'}
      icon={<EyeOutlined aria-hidden />}
      aria-pressed={elder.on}
      onClick={elder.toggle}
      data-testid="elder-switch"
    >
      {elder.on ? t('portal.elder.leave') : t('portal.elder.switch')}
    </Button>
  );
}
