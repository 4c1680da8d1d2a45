import type { Chunk } from '../corpus/types.ts';
import { AnswerBuilder } from './answer-builder.ts';
import { claimSupport, isSupported, supportThreshold, type ClaimSupport } from './claim-support.ts';
import { statesInstitutionalView } from './institutional-view.ts';
import type { Answer } from './types.ts';

/** A retrieved passage as the model saw it: `[n]` in the prompt is `n` here. */
export interface Passage {
  n: number;
  chunk: Chunk;
}

export type RejectionReason = 'uncited' | 'unknown_marker' | 'unsupported' | 'institutional_view' | 'no_claim';

export interface Rejection {
  sentence: string;
  reason: RejectionReason;
  support?: ClaimSupport;
}

export type SentenceVerdict =
  | { ok: true; claim: string; passages: Passage[]; support: ClaimSupport }
  | { ok: false; reason: RejectionReason; support?: ClaimSupport };

const mentionsInstitution = /\b(IAIS|the Institute|Institute for Advanced International Studies|the publisher)\b/i;
const markerGroup = /\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]/g;
/** The model's way of saying the passages do not answer the question (see prompts/answer-system.md). */
export const notInTextSignal = 'NOT_IN_TEXT';

/**
 * Checks one generated sentence: it must cite, every marker must name a passage that was given,
 * the cited passages must contain enough of its words (and all of its numbers), and it must not
 * have the institute (or the bot) hold a view.
 */
export function verifySentence(sentence: string, passages: Passage[], threshold = supportThreshold): SentenceVerdict {
  const numbers = [...sentence.matchAll(markerGroup)].flatMap((match) => match[1]!.split(/\s*[,;]\s*/).map(Number));
  const claim = sentence.replace(markerGroup, '').replace(/\s+([.!?,;:])/g, '$1').trim();
  // Policy questions never reach the model, so a generated sentence has no reason to speak of the institute at all.
  if (statesInstitutionalView(claim) || mentionsInstitution.test(claim.replace(/IAIS Volunteers Club/gi, ''))) return { ok: false, reason: 'institutional_view' };
  if (numbers.length === 0) return { ok: false, reason: 'uncited' };
  const cited: Passage[] = [];
  for (const number of numbers) {
    const passage = passages.find((candidate) => candidate.n === number);
    if (!passage) return { ok: false, reason: 'unknown_marker' };
    if (!cited.includes(passage)) cited.push(passage);
  }
  const support = claimSupport(claim, cited.map((passage) => passage.chunk.text));
  if (!support.hasContent) return { ok: false, reason: 'no_claim', support };
  if (!isSupported(support, threshold)) return { ok: false, reason: 'unsupported', support };
  return { ok: true, claim, passages: cited, support };
}

const attribution = /\b(author|saidov|commentary|the text|the piece|the article|argues|contends)\b/i;
const lowerCaseOpenings = /^(The|This|These|That|Those|It|Its|In|On|With|Such|A|An)\b/;

export interface AnswerVerifier {
  /** Verifies a sentence; returns the text to show (markers renumbered to the answer's citations), or undefined when rejected. */
  accept(sentence: string): string | undefined;
  readonly accepted: number;
  readonly rejections: Rejection[];
  /** Whether the model said the passages do not answer the question. */
  readonly saidNotInText: boolean;
  /** The verified answer so far. */
  build(disclaimer: string): Answer;
}

/**
 * Verifies an answer a sentence at a time, as it streams. Citations are cut from the cited chunk's
 * own text by offsets (`quote === document.text.slice(start, end)`), numbered in order of first use.
 */
export function createAnswerVerifier(options: { passages: Passage[]; threshold?: number }): AnswerVerifier {
  const builder = new AnswerBuilder();
  const rejections: Rejection[] = [];
  let accepted = 0;
  let saidNotInText = false;

  function accept(rawSentence: string): string | undefined {
    let sentence = rawSentence.trim();
    if (sentence.includes(notInTextSignal)) {
      saidNotInText = true;
      return undefined;
    }
    const verdict = verifySentence(sentence, options.passages, options.threshold);
    if (!verdict.ok) {
      rejections.push({ sentence, reason: verdict.reason, support: verdict.support });
      return undefined;
    }
    // The answer must be attributed; the first sentence carries it when the model left it out.
    if (accepted === 0 && !attribution.test(verdict.claim)) {
      const opening = lowerCaseOpenings.test(sentence) ? sentence.charAt(0).toLowerCase() + sentence.slice(1) : sentence;
      sentence = `According to the commentary, ${opening}`;
    }
    const text = sentence
      .replace(markerGroup, (_group, list: string) => {
        const markers = list.split(/\s*[,;]\s*/).map((number) => builder.cite(options.passages.find((passage) => passage.n === Number(number))!.chunk));
        return ` ${[...new Set(markers)].join('')}`;
      })
      .trim();
    builder.add(text);
    accepted += 1;
    return text;
  }

  return {
    accept,
    get accepted() {
      return accepted;
    },
    rejections,
    get saidNotInText() {
      return saidNotInText;
    },
    build: (disclaimer) => builder.build('answered', disclaimer, 'llm'),
  };
}
