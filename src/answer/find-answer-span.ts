import type { AnswerType } from './question-intent.ts';

export interface AnswerSpan {
  text: string;
  /** Offsets within the sentence text. */
  start: number;
  end: number;
}

const month = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?';
const datePattern = new RegExp(
  `\\b(?:${month}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:\\s*(?:to|-|–|—|and|until|through)\\s*(?:${month}\\s+)?\\d{1,2}(?:st|nd|rd|th)?)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:to\\s+\\d{1,2}\\s+)?${month}(?:\\s+\\d{4})?|${month}\\s+\\d{4}|(?:in|since|by|from|until)\\s+(?:1[89]|20)\\d{2}s?)\\b`,
  'g',
);
const numberWords =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens?|several|hundreds|thousands|millions';
const scale = '(?:\\s+(?:thousand|million|billion|trillion|bn|m))?';
const moneyPattern = new RegExp(
  `(?:[$€£¥]\\s?\\d[\\d,.]*${scale}|\\d[\\d,.]*${scale}\\s+(?:dollars|usd|euros?|pounds|tenge|afghanis))\\b`,
  'gi',
);
const countPattern = new RegExp(
  `(?<![$€£¥\\d.,])(?:\\b(?:${numberWords})(?:[- ](?:${numberWords}))*\\b|\\b\\d[\\d,.]*(?:%|\\s+percent)?${scale}\\b)`,
  'gi',
);

// Words that make a capitalised run an organisation, a place or a heading rather than a person.
const nonPersonWords =
  /\b(Club|Institute|Studies|University|Ministry|Province|Ocean|Sea|Asia|Republic|Union|Organisation|Organization|Council|Bank|Party|Corridor|Team|Mission|Centre|Center|Committee|Agency|Office|Government|Administration|Nations|States)\b/;
const sentenceOpeners = /^(The|In|A|An|This|That|These|Those|It|As|With|Notably|However|Moreover|Also|But|And|For|On|At|By|From|To|Its|His|Her|Their|Our|While|When|Where|If|After|Before|Since|Although)$/;
const nonPlaceWords = /\b(Club|Institute|Studies|Minister|President|Deputy|Taliban)\b/;
const placeMarkers = /\b(Province|City|Region|District|Valley|Ocean|Sea|Asia|Republic)\b/;

function capitalisedRuns(sentence: string): AnswerSpan[] {
  const runs: AnswerSpan[] = [];
  const pattern = /\b[A-Z][\p{L}'’-]*(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][\p{L}'’-]*)*/gu;
  for (const match of sentence.matchAll(pattern)) {
    let text = match[0].replace(/['’]s$/, '');
    let start = match.index;
    const first = text.split(/\s+/)[0]!;
    if (sentenceOpeners.test(first)) {
      const rest = text.slice(first.length).trimStart();
      start += text.length - rest.length;
      text = rest;
    }
    if (text) runs.push({ text, start, end: start + text.length });
  }
  return runs;
}

function allMatches(pattern: RegExp, sentence: string): AnswerSpan[] {
  return [...sentence.matchAll(pattern)].map((match) => ({ text: match[0].trim(), start: match.index, end: match.index + match[0].trim().length }));
}

/** Candidate spans in a sentence for the kind of fact the question asks for. */
export function answerCandidates(type: AnswerType, sentence: string): AnswerSpan[] {
  switch (type) {
    case 'date':
      return allMatches(datePattern, sentence);
    case 'money':
      return allMatches(moneyPattern, sentence);
    case 'count': {
      const money = allMatches(moneyPattern, sentence);
      return allMatches(countPattern, sentence).filter((span) => !money.some((m) => span.start >= m.start && span.start < m.end));
    }
    case 'publisher':
      return [];
    case 'person':
    case 'author':
      return capitalisedRuns(sentence).filter((run) => run.text.includes(' ') && !nonPersonWords.test(run.text) && !/^[A-Z]+$/.test(run.text));
    case 'place':
      // Any name can be the place; the one nearest the question's words is chosen.
      return capitalisedRuns(sentence).filter((run) => !nonPlaceWords.test(run.text) && (placeMarkers.test(run.text) || !run.text.includes(' ') || /\b(to|in|at|from|into|near|across)\s+$/.test(sentence.slice(Math.max(0, run.start - 8), run.start))));
  }
}

/**
 * Picks the candidate nearest to where the question's words occur in the sentence, skipping
 * candidates the question itself names ("Who visited Kabul?" must not answer "Kabul").
 */
export function pickAnswerSpan(candidates: AnswerSpan[], anchors: number[], questionText: string): AnswerSpan | undefined {
  const question = questionText.toLowerCase();
  const fresh = candidates.filter((candidate) => {
    const words = candidate.text.toLowerCase().split(/\s+/).filter((word) => word.length > 2);
    return words.length === 0 || !words.every((word) => question.includes(word.replace(/['’]s$/, '')));
  });
  if (fresh.length === 0) return undefined;
  if (anchors.length === 0) return fresh[0];
  const distance = (span: AnswerSpan) => Math.min(...anchors.map((anchor) => (anchor < span.start ? span.start - anchor : anchor > span.end ? anchor - span.end : 0)));
  return [...fresh].sort((a, b) => distance(a) - distance(b))[0];
}
