import { useEffect, useState } from 'react';

/** Whether this browser can read text aloud at all. */
export const canSpeak = () => typeof window !== 'undefined' && 'speechSynthesis' in window;

const isChinese = (v: SpeechSynthesisVoice) => /^(zh|cmn)([-_]|$)/i.test(v.lang);

/** The browser's Chinese voice (mainland first), or undefined when it has none. */
export function chineseVoice(): SpeechSynthesisVoice | undefined {
  if (!canSpeak()) return undefined;
  const voices = window.speechSynthesis.getVoices().filter(isChinese);
  return voices.find((v) => /CN|Hans/i.test(v.lang)) ?? voices[0];
}

/** How long a browser may take to load its voices before we say it has no Chinese one. */
const VOICE_WAIT_MS = 1500;

/**
 * 'yes' / 'no' once known whether the browser has a Chinese voice; 'checking' meanwhile (voices
 * arrive asynchronously on Chrome, with `voiceschanged`). A phone without one says nothing when
 * asked to read Chinese, so the page tells the resident and shows the text instead.
 */
export function useChineseVoice(): 'checking' | 'yes' | 'no' {
  const [state, setState] = useState<'checking' | 'yes' | 'no'>(() =>
    !canSpeak() ? 'no' : chineseVoice() ? 'yes' : 'checking',
  );
  useEffect(() => {
    if (state !== 'checking') return;
    const synth = window.speechSynthesis;
    const check = () => {
      if (chineseVoice()) setState('yes');
    };
    synth.addEventListener('voiceschanged', check);
    const timer = window.setTimeout(() => setState(chineseVoice() ? 'yes' : 'no'), VOICE_WAIT_MS);
    return () => {
      synth.removeEventListener('voiceschanged', check);
      window.clearTimeout(timer);
    };
  }, [state]);
  return state;
}
