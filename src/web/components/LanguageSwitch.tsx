import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage } from '../i18n/index.ts';

/**
 * Switches between Chinese and English. The button names the target language in that language
 * ("English" / "中文"), with a matching `lang` so screen readers pronounce it correctly.
 */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const target = currentLanguage() === 'zh' ? 'en' : 'zh';
  return (
    <Button
      className={className}
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      lang={t('lang.otherTag')}
      title={t('lang.switchTitle')}
      onClick={() => void changeLanguage(target)}
    >
      {t('lang.other')}
    </Button>
  );
}
