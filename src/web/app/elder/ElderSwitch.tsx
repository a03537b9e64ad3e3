import { Button } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useElderMode } from './elderMode.ts';

/** The header's "长辈版" button: shown to residents on every page, pressed state when on. */
export function ElderSwitch() {
  const { t } = useTranslation();
  const elder = useElderMode();
  if (!elder.available) return null;
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
