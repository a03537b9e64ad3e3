import { useEffect, useState } from 'react';
import { Button } from 'antd';
import { PauseCircleOutlined, SoundOutlined } from '@ant-design/icons';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { languageTag, currentLanguage } from '../../i18n/index.ts';
import { ELDER_SIZES, useElderMode } from './elderMode.ts';
import { ElderSwitch } from './ElderSwitch.tsx';
import { mainText, speak, speechAvailable, stopSpeaking } from './readAloud.ts';

/**
 * Shown above the page in elder mode: text size steps (A- / A+, with the size in words) and
 * read-aloud of the page's main content. Everything here is a large, labelled button.
 */
export function ElderToolbar() {
  const { t } = useTranslation();
  const elder = useElderMode();
  const { pathname } = useLocation();
  const [reading, setReading] = useState(false);

  // Leaving the page (or elder mode) ends the reading.
  useEffect(() => {
    stopSpeaking();
    setReading(false);
  }, [pathname, elder.on]);
  useEffect(() => () => stopSpeaking(), []);

  if (!elder.on) return null;

  const read = () => {
    const main = document.getElementById('main-content');
    if (!main) return;
    setReading(true);
    speak(mainText(main), languageTag(currentLanguage()), () => setReading(false));
  };
  const stop = () => {
    stopSpeaking();
    setReading(false);
  };

  return (
    <div className="gz-elder-bar" role="toolbar" aria-label={t('portal.elder.toolbar')} data-no-read>
      <div className="gz-elder-bar-group">
        <Button
          onClick={elder.smaller}
          disabled={elder.step === 0}
          aria-label={t('portal.elder.smaller')}
          data-testid="elder-smaller"
        >
          A-
        </Button>
        <span className="gz-elder-size" aria-live="polite" data-testid="elder-size">
          {t('portal.elder.size', { n: elder.size })}
        </span>
        <Button
          onClick={elder.larger}
          disabled={elder.step === ELDER_SIZES.length - 1}
          aria-label={t('portal.elder.larger')}
          data-testid="elder-larger"
        >
          A+
        </Button>
      </div>
      {speechAvailable() ? (
        <div className="gz-elder-bar-group">
          {reading ? (
            <Button type="primary" icon={<PauseCircleOutlined aria-hidden />} onClick={stop}>
              {t('portal.elder.stop')}
            </Button>
          ) : (
            <Button type="primary" icon={<SoundOutlined aria-hidden />} onClick={read}>
              {t('portal.elder.read')}
            </Button>
          )}
          <ElderSwitch place="toolbar" />
        </div>
      ) : (
        <div className="gz-elder-bar-group">
          <ElderSwitch place="toolbar" />
        </div>
      )}
    </div>
  );
}
