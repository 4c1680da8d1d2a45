import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/corpus/chunk-document.ts';
import type { CorpusDocument } from '../../src/corpus/types.ts';

function document(text: string, extra: Partial<CorpusDocument> = {}): CorpusDocument {
  return { id: 'doc', title: 'T', author: 'A', text, ...extra };
}

const sentences = (text: string, extra?: Partial<CorpusDocument>) =>
  chunkDocument(document(text, extra)).filter((chunk) => chunk.kind === 'sentence');

describe('chunkDocument', () => {
  it('gives every chunk exact offsets into the document text', () => {
    const text = '  First sentence here. Second one!\nThird line?  Fourth.\n';
    for (const chunk of chunkDocument(document(text))) {
      expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    }
    expect(sentences(text).map((chunk) => chunk.text)).toEqual(['First sentence here.', 'Second one!', 'Third line?', 'Fourth.']);
  });

  it('does not end a sentence at an abbreviation, an initial or a decimal point', () => {
    const text = 'Dr. Smith met Mr. J. Doe in the U.S. on Monday. The deal was worth $3.5 million. It closed.';
    expect(sentences(text).map((chunk) => chunk.text)).toEqual([
      'Dr. Smith met Mr. J. Doe in the U.S. on Monday.',
      'The deal was worth $3.5 million.',
      'It closed.',
    ]);
  });

  it('treats each line as a paragraph unless the text separates paragraphs with blank lines', () => {
    const oneALine = chunkDocument(document('Para one. Still one.\nPara two.'));
    expect(oneALine.filter((chunk) => chunk.kind === 'passage').map((chunk) => chunk.text)).toEqual(['Para one. Still one.', 'Para two.']);
    const wrapped = chunkDocument(document('Para one\nwraps here.\n\nPara two.'));
    expect(wrapped.filter((chunk) => chunk.kind === 'passage').map((chunk) => chunk.text)).toEqual(['Para one\nwraps here.', 'Para two.']);
  });

  it('leaves a footnote marker out of the sentence and flags the disclaimer', () => {
    const disclaimer = 'The Institute does not take institutional positions.';
    const chunks = sentences(`Body text here.\n* ${disclaimer}`, { disclaimer });
    const last = chunks.at(-1)!;
    expect(last.text).toBe(disclaimer);
    expect(last.isDisclaimer).toBe(true);
    expect(chunks[0]!.isDisclaimer).toBe(false);
  });

  it('gives the same ids to the same text, positional and readable', () => {
    const text = 'One. Two.\nThree.';
    const first = chunkDocument(document(text)).map((chunk) => chunk.id);
    expect(chunkDocument(document(text)).map((chunk) => chunk.id)).toEqual(first);
    expect(first).toEqual(['doc:p0', 'doc:p0:s0', 'doc:p0:s1', 'doc:p1', 'doc:p1:s0']);
  });
});
