import type { Chunk, CorpusDocument } from './types.ts';
import { splitPassages, splitSentences } from './segment.ts';

/**
 * Cuts a document into passage and sentence chunks. Ids are positional
 * (`docId:p2` and `docId:p2:s1`), so they stay the same across restarts for the same text.
 */
export function chunkDocument(document: CorpusDocument): Chunk[] {
  const chunks: Chunk[] = [];
  const disclaimer = document.disclaimer ? normalizeSpace(document.disclaimer) : undefined;
  splitPassages(document.text).forEach((passage, passageIndex) => {
    const passageText = document.text.slice(passage.start, passage.end);
    const isDisclaimer = disclaimer !== undefined && normalizeSpace(passageText).includes(disclaimer);
    chunks.push({
      id: `${document.id}:p${passageIndex}`,
      docId: document.id,
      kind: 'passage',
      passage: passageIndex,
      sentence: -1,
      start: passage.start,
      end: passage.end,
      text: passageText,
      isDisclaimer,
    });
    splitSentences(document.text, passage).forEach((sentence, sentenceIndex) => {
      const sentenceText = document.text.slice(sentence.start, sentence.end);
      chunks.push({
        id: `${document.id}:p${passageIndex}:s${sentenceIndex}`,
        docId: document.id,
        kind: 'sentence',
        passage: passageIndex,
        sentence: sentenceIndex,
        start: sentence.start,
        end: sentence.end,
        text: sentenceText,
        isDisclaimer: isDisclaimer || (disclaimer !== undefined && disclaimer.includes(normalizeSpace(stripMarker(sentenceText)))),
      });
    });
  });
  return chunks;
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function stripMarker(text: string): string {
  return text.replace(/^[*†‡\s]+/, '');
}
