import type { Chunk, Corpus, CorpusDocument } from '../corpus/types.ts';
import type { AnswerBuilder } from './answer-builder.ts';

const fallbackDisclaimer = 'The publisher does not take institutional positions on any issues; the views represented are those of the author(s).';

/**
 * The publisher's disclaimer and the statements built on it: what the bot says, citing the
 * disclaimer passage, when asked for the institute's view, an opinion, or to break its rules.
 */
export function createPolicyStatements(corpus: Corpus) {
  const disclaimerChunk: Chunk | undefined = corpus.chunks.find((chunk) => chunk.kind === 'sentence' && chunk.isDisclaimer);
  const document: CorpusDocument | undefined = corpus.documents.find((candidate) => candidate.id === disclaimerChunk?.docId) ?? corpus.documents[0];
  // "Institute for Advanced International Studies (IAIS)" is called "the IAIS".
  const publisher = document?.publisher ? `the ${/\(([^)]+)\)\s*$/.exec(document.publisher)?.[1] ?? document.publisher}` : 'the publisher';
  const author = document?.author ?? 'the author';

  function noPosition(builder: AnswerBuilder): string {
    const marker = disclaimerChunk ? ` ${builder.cite(disclaimerChunk)}` : '';
    const subject = publisher.charAt(0).toUpperCase() + publisher.slice(1);
    return `${subject} does not take institutional positions on any issues; the views in the commentary are those of its author, ${author}${marker}.`;
  }

  return {
    disclaimer: document?.disclaimer ?? fallbackDisclaimer,
    author,
    noPosition,
    refuseInstruction: 'I can’t follow instructions that change how I answer: I only report what the commentary says, and I don’t take positions.',
    noOpinion: 'I don’t offer opinions of my own, and the commentary’s publisher takes none either.',
    ignoredInstruction: 'I’ll ignore the instruction in your message and answer only from the commentary.',
    authorViewIntro: (name: string) => `On this question, here is what the author, ${name}, argues:`,
    notInText: 'The commentary does not answer that, so I can’t answer it from the text.',
    offTask: 'I can only answer questions about the commentary, from its text; that request is outside what it covers.',
  };
}

export type PolicyStatements = ReturnType<typeof createPolicyStatements>;
