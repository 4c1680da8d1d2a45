import type { Corpus } from '../corpus/types.ts';
import type { AnswerBuilder } from './answer-builder.ts';
import type { AnswerSpan } from './find-answer-span.ts';
import type { RankedSentence } from './sentence-ranker.ts';

const reportingClause = /^(?:he\s+|she\s+|they\s+|the author\s+)?(?:argues|contends|notes|says|suggests|claims|writes|observes|stresses)\s+that\s+/i;

/**
 * Turns a ranked sentence into cited answer text: the shortest run of clauses that holds the fact,
 * shown as the author's own attributed sentence or as a quotation from the commentary.
 */
export function createQuotePresenter(corpus: Corpus) {
  // A sentence that already names its source ("Saidov highlights …", "The author contends …") can stand as it is.
  const authorWords = [...new Set(corpus.documents.flatMap((document) => document.author.split(/\s+/)))].map((word) => word.replace(/[^\p{L}]/gu, '')).filter(Boolean);
  const byAuthorName = authorWords.length > 0 ? `^(as\\s+|in conclusion,\\s+)?((${authorWords.join('|')})\\s*)+\\b|` : '';
  const attributed = new RegExp(`${byAuthorName}^(as\\s+|in conclusion,\\s+)?(the author|the commentary)\\b|^[^,]{0,30}, (he|she|the author) (argues|contends|notes|suggests)\\b`, 'iu');

  // With one document "the commentary" is unambiguous; with several, each quote names its own.
  const titles = new Map(corpus.documents.map((document) => [document.id, `${document.author}’s “${document.title}”`]));
  const sourceName = (docId: string) => (corpus.documents.length === 1 ? 'the commentary' : (titles.get(docId) ?? 'the text'));

  function quoteWindow(sentence: RankedSentence, span: AnswerSpan | undefined): { start: number; end: number } {
    const text = sentence.entry.chunk.text;
    const words = text.split(/\s+/).length;
    if (words <= 40 || (!span && sentence.anchors.length === 0)) return { start: 0, end: text.length };
    const boundaries = [0];
    for (const match of text.matchAll(/(?:,|;|:|\s[—–-])\s+/g)) boundaries.push(match.index + match[0].length);
    boundaries.push(text.length);
    let best = { start: 0, end: text.length, score: -Infinity };
    for (let i = 0; i < boundaries.length - 1; i++) {
      for (let j = i + 1; j < boundaries.length; j++) {
        const start = boundaries[i]!;
        const end = boundaries[j]!;
        const windowWords = text.slice(start, end).split(/\s+/).length;
        if (windowWords < 10) continue;
        if (span && (span.start < start || span.end > end)) continue;
        const covered = sentence.anchors.filter((anchor) => anchor >= start && anchor < end).length;
        const score = covered - windowWords * 0.02;
        if (score > best.score) best = { start, end, score };
      }
    }
    // Clause punctuation and a leading "argues that" stay outside the quote.
    const trimmed = text.slice(best.start, best.end).replace(/[\s,;:—–-]+$/, '');
    const reporting = reportingClause.exec(trimmed);
    const start = best.start + (reporting && best.start > 0 ? reporting[0].length : 0);
    return { start, end: best.start + trimmed.length };
  }

  return {
    /** Cites the sentence (or its relevant clauses) and returns the answer text for it. */
    present(builder: AnswerBuilder, sentence: RankedSentence, span?: AnswerSpan): string {
      const chunk = sentence.entry.chunk;
      const window = quoteWindow(sentence, span);
      const marker = builder.cite(chunk, window.start, window.end);
      const quote = chunk.text.slice(window.start, window.end).replace(/[.!?]$/, '');
      const whole = window.start === 0 && window.end >= chunk.text.length - 1;
      if (whole && attributed.test(quote) && corpus.documents.length === 1) return `${quote} ${marker}.`;
      return `According to ${sourceName(chunk.docId)}, “${quote}” ${marker}.`;
    },
  };
}

export type QuotePresenter = ReturnType<typeof createQuotePresenter>;
