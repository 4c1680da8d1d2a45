export interface Span {
  start: number;
  end: number;
}

/**
 * Splits text into passages with exact offsets: blank-line separated blocks when the text has
 * blank lines (hard-wrapped prose), otherwise one passage a line (one paragraph a line).
 */
export function splitPassages(text: string): Span[] {
  const spans: Span[] = [];
  const pattern = /\n[ \t]*\n/.test(text) ? /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g : /[^\n]+/g;
  for (const match of text.matchAll(pattern)) {
    const span = trimSpan(text, match.index, match.index + match[0].length);
    if (span.end > span.start) spans.push(span);
  }
  return spans;
}

// Abbreviations after which a full stop does not end a sentence.
const abbreviations = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'etc', 'e.g', 'i.e', 'inc', 'ltd', 'co', 'corp',
  'no', 'vol', 'pp', 'fig', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'gen', 'gov', 'sen', 'rep', 'u.s', 'u.k', 'u.n', 'a.m', 'p.m',
]);

/** Splits one passage (given by its span in `text`) into sentences with exact offsets. */
export function splitSentences(text: string, passage: Span): Span[] {
  const spans: Span[] = [];
  let sentenceStart = passage.start;
  const boundary = /[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9*])/g;
  const slice = text.slice(passage.start, passage.end);
  for (const match of slice.matchAll(boundary)) {
    const end = passage.start + match.index + match[0].length;
    const wordBefore = /([A-Za-z.]+)\.$/.exec(text.slice(sentenceStart, passage.start + match.index + 1))?.[1];
    if (wordBefore && match[0].startsWith('.') && isAbbreviation(wordBefore)) continue;
    const span = trimSpan(text, sentenceStart, end);
    if (span.end > span.start) spans.push(span);
    sentenceStart = end;
  }
  const last = trimSpan(text, sentenceStart, passage.end);
  if (last.end > last.start) spans.push(last);
  return spans;
}

function isAbbreviation(word: string): boolean {
  const lower = word.toLowerCase();
  return abbreviations.has(lower) || /^[a-z]$/i.test(word) || /^([a-z]\.)+[a-z]?$/i.test(word);
}

function trimSpan(text: string, start: number, end: number): Span {
  // Leading whitespace and footnote or bullet markers belong to no sentence.
  while (start < end && /[\s*†‡•]/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}
