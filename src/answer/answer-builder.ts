import type { Chunk } from '../corpus/types.ts';
import type { Answer, Citation, EngineName, Outcome } from './types.ts';

/**
 * Accumulates answer text and its citations. Every quote is cut from the chunk's own text by
 * offsets, so `quote === document.text.slice(start, end)` holds by construction.
 */
export class AnswerBuilder {
  private readonly parts: string[] = [];
  private readonly citations: Citation[] = [];

  /** Cites `chunk` (or the part of it from `start` to `end`, offsets into the chunk) and returns its `[n]` marker. */
  cite(chunk: Chunk, start = 0, end = chunk.text.length): string {
    const absoluteStart = chunk.start + start;
    const absoluteEnd = chunk.start + end;
    const existing = this.citations.find((citation) => citation.chunkId === chunk.id && citation.start === absoluteStart && citation.end === absoluteEnd);
    if (existing) return `[${existing.n}]`;
    const n = this.citations.length + 1;
    this.citations.push({ n, docId: chunk.docId, chunkId: chunk.id, quote: chunk.text.slice(start, end), start: absoluteStart, end: absoluteEnd });
    return `[${n}]`;
  }

  add(sentence: string): this {
    this.parts.push(sentence.trim());
    return this;
  }

  get citationCount(): number {
    return this.citations.length;
  }

  build(outcome: Outcome, disclaimer: string, engine: EngineName = 'extractive'): Answer {
    return { answer: this.parts.join(' '), citations: this.citations, outcome, disclaimer, engine };
  }
}
