import { stemmer } from '@orama/stemmers/english';
import { stopwords } from '@orama/stopwords/english';

const stopwordSet = new Set(stopwords);

export interface Token {
  /** The word as written, apostrophes normalised and possessive `'s` removed. */
  word: string;
  lower: string;
  stem: string;
  start: number;
  end: number;
}

/** Straight quotes and dashes for matching; the source text itself is never changed. */
export function normalizePunctuation(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[—–]/g, '-');
}

const wordPattern = /[\p{L}\p{N}$][\p{L}\p{N}'’.,$]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** Words with offsets. Hyphenated words split into parts; `$140` and `41` stay whole. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(wordPattern)) {
    let word = match[0];
    const start = match.index;
    // A trailing number separator or a possessive is not part of the word.
    word = word.replace(/[.,]+$/, '').replace(/['’]s$/i, '').replace(/['’]$/, '');
    if (/[.,]/.test(word) && !/^\$?[\d.,]+$/.test(word)) {
      // "U.S." style abbreviations survive; sentence punctuation glued to words does not.
      const head = /^[^.,]+/.exec(word)?.[0] ?? word;
      if (!/^([A-Za-z]\.)+[A-Za-z]?$/.test(word)) word = head;
    }
    if (!word) continue;
    const lower = word.toLowerCase().replace(/'/g, "'");
    tokens.push({ word, lower, stem: stem(lower), start, end: start + word.length });
  }
  return tokens;
}

export function stem(lowerWord: string): string {
  return /^[\d$]/.test(lowerWord) ? lowerWord : stemmer(lowerWord);
}

export function isStopword(lowerWord: string): boolean {
  return stopwordSet.has(lowerWord) || stopwordSet.has(lowerWord.replace(/'/g, '’'));
}

/**
 * Whether two words are the same for matching purposes: equal stems, or one stem a prefix of the
 * other's word covering at least half of it (collect / collection, Afghan / Afghanistan, Russia / Russian).
 */
export function wordsMatch(a: Token, b: Token): boolean {
  if (a.stem === b.stem || a.lower === b.lower) return true;
  const [shorter, longer] = a.stem.length <= b.stem.length ? [a, b] : [b, a];
  // The shared beginning must be at least half the longer word: "collect" is in "collection",
  // "exceeds" in "exceeding", but "signed" is not in "significant".
  const prefixOfLonger = longer.lower.startsWith(shorter.stem) || longer.lower.startsWith(shorter.lower);
  let shared = 0;
  while (shared < shorter.lower.length && shorter.lower[shared] === longer.lower[shared]) shared++;
  return shorter.stem.length >= 4 && prefixOfLonger && shared >= longer.lower.length / 2;
}

/** Splits on a hyphen as well, so "Taliban-led" yields "Taliban" and "led". */
export function contentWords(text: string): Token[] {
  return tokenize(text.replace(/-/g, ' ')).filter((token) => !isStopword(token.lower));
}
