/**
 * Read-aloud of page text with the browser's speech synthesis, in Chinese (zh-CN) when the device
 * has such a voice. Long text is read sentence by sentence: some engines stop a long utterance.
 */

const MAX_CHUNK = 120;

export function speechAvailable(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window;
}

/** Splits text at sentence ends (。！？；.!?;) and line breaks into pieces of at most MAX_CHUNK. */
export function speechChunks(text: string): string[] {
  const sentences = text
    .split(/(?<=[。！？；.!?;])|\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
  const chunks: string[] = [];
  for (const sentence of sentences) {
    for (let i = 0; i < sentence.length; i += MAX_CHUNK) chunks.push(sentence.slice(i, i + MAX_CHUNK));
  }
  return chunks;
}

function chineseVoice(lang: string): SpeechSynthesisVoice | null {
  const voices = window.speechSynthesis.getVoices();
  const prefix = lang.slice(0, 2).toLowerCase();
  return (
    voices.find((v) => v.lang.toLowerCase() === lang.toLowerCase()) ??
    voices.find((v) => v.lang.toLowerCase().startsWith(prefix)) ??
    null
  );
}

/** Reads the text aloud; `onEnd` runs when the last piece is done or reading was stopped. */
export function speak(text: string, lang: string, onEnd: () => void): void {
  const synth = window.speechSynthesis;
  synth.cancel();
  const chunks = speechChunks(text);
  if (chunks.length === 0) {
    onEnd();
    return;
  }
  const voice = chineseVoice(lang);
  chunks.forEach((chunk, i) => {
    const utterance = new SpeechSynthesisUtterance(chunk);
    utterance.lang = lang;
    if (voice) utterance.voice = voice;
    utterance.rate = 0.9; // a little slower than default: easier for older listeners
    if (i === chunks.length - 1) {
      utterance.onend = onEnd;
      utterance.onerror = onEnd;
    }
    synth.speak(utterance);
  });
}

export function stopSpeaking(): void {
  if (speechAvailable()) window.speechSynthesis.cancel();
}

/**
 * The text of the page's main content as a listener should hear it: rendered text only (innerText
 * skips what CSS hides), without the elder-mode toolbar and anything marked `data-no-read`.
 */
export function mainText(root: HTMLElement): string {
  return Array.from(root.children)
    .filter((el): el is HTMLElement => el instanceof HTMLElement && !el.matches('[data-no-read]'))
    .map((el) => el.innerText)
    .join('\n');
}
