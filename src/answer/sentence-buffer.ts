// The end of a sentence: terminal punctuation, closing quotes, any [n] markers after it, then
// white space and the start of the next sentence (not a marker, not a lower-case word, so "U.S. officials" stays whole).
const sentenceEnd = /[.!?]["”’)]*(?:\s*\[\d+(?:\s*[,;]\s*\d+)*\])*[ \t]+(?=[^\s[a-z])|\n+(?=\S)/g;

export interface SentenceBuffer {
  /** Adds streamed text; returns the sentences it completed, in order. */
  push(delta: string): string[];
  /** Returns what is left once the stream has ended. */
  flush(): string[];
}

/** Groups streamed text into whole sentences, so each can be checked before the user sees it. */
export function createSentenceBuffer(): SentenceBuffer {
  let pending = '';
  return {
    push(delta) {
      pending += delta;
      const sentences: string[] = [];
      let consumed = 0;
      for (const match of pending.matchAll(sentenceEnd)) {
        const end = match.index + match[0].length;
        const sentence = pending.slice(consumed, end).trim();
        if (sentence) sentences.push(sentence);
        consumed = end;
      }
      pending = pending.slice(consumed);
      return sentences;
    },
    flush() {
      const rest = pending.trim();
      pending = '';
      return rest ? [rest] : [];
    },
  };
}

/** Splits a finished text into sentences the same way the stream does. */
export function splitIntoSentences(text: string): string[] {
  const buffer = createSentenceBuffer();
  return [...buffer.push(text), ...buffer.flush()];
}
