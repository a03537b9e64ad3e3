import { useCallback, useEffect, useRef, useState } from 'react';
import { audioUrl, countPlay, type Lesson } from './antifraud.api.ts';
import { canSpeak, chineseVoice } from './voices.ts';

/**
 * Splits a script into sentences: browsers stop long utterances early, and short ones let the
 * reading follow the punctuation.
 */
export function sentences(script: string): string[] {
  return script
    .split(/(?<=[。！？；!?;])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Plays one lesson at a time: its recording when there is one, otherwise the script read aloud by
 * the browser's Chinese voice (speechSynthesis). Without a recording and without a Chinese voice it
 * plays nothing and returns false, so the page says so and shows the text (a phone would otherwise
 * stay silent). Each start counts one anonymous play.
 */
export function useLessonPlayer() {
  const [playing, setPlaying] = useState<number | null>(null);
  const audio = useRef<HTMLAudioElement | null>(null);

  const stop = useCallback(() => {
    if (audio.current) {
      audio.current.pause();
      audio.current = null;
    }
    if (canSpeak()) window.speechSynthesis.cancel();
    setPlaying(null);
  }, []);

  useEffect(() => stop, [stop]);

  const play = useCallback(
    (lesson: Lesson) => {
      stop();
      if (lesson.audio) {
        const el = new Audio(audioUrl(lesson.id));
        el.onended = () => setPlaying((p) => (p === lesson.id ? null : p));
        audio.current = el;
        void el.play().catch(() => setPlaying(null));
      } else if (canSpeak() && chineseVoice()) {
        const voice = chineseVoice()!;
        const parts = sentences(lesson.script);
        parts.forEach((text, i) => {
          const u = new SpeechSynthesisUtterance(text);
          u.lang = 'zh-CN';
          u.rate = 0.9; // a little slower for older listeners
          u.voice = voice;
          if (i === parts.length - 1) {
            u.onend = () => setPlaying((p) => (p === lesson.id ? null : p));
            u.onerror = u.onend;
          }
          window.speechSynthesis.speak(u);
        });
      } else {
        return false;
      }
      setPlaying(lesson.id);
      countPlay(lesson.id);
      return true;
    },
    [stop],
  );

  return { playing, play, stop };
}
