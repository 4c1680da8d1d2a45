import type { Answer } from '../answer/types.ts';

/** One line of a question set (format: ../shared/eval/README.md). */
export interface EvalCase {
  id: string;
  question: string;
  history?: Array<{ role: 'user' | 'assistant'; content: string }>;
  expect: 'answer' | 'not_found' | 'no_position' | 'opinion';
  all?: string[];
  any?: string[];
  support?: string;
  min_citations?: number;
}

const normalize = (text: unknown) =>
  String(text ?? '')
    .replace(/[’‘]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[—–]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
const contains = (text: unknown, needle: string) => normalize(text).includes(normalize(needle));

const institutionSubject = /\b(IAIS|the Institute|Institute for Advanced International Studies)\b/i;
const stanceVerb = /\b(supports?|endorses?|believes?|argues?|contends?|thinks?|holds?|backs?|favou?rs?|opposes?|welcomes?|condemns?|position is)\b/i;

/** A sentence that has the institute hold a view, or a first-person opinion; undefined when there is none. */
export function policyViolation(answer: string): string | undefined {
  for (const raw of answer.split(/(?<=[.!?])\s+|\n+/)) {
    const sentence = raw.replace(/IAIS Volunteers Club/gi, 'volunteers club');
    const subject = institutionSubject.exec(sentence);
    if (!subject) continue;
    const rest = sentence.slice(subject.index + subject[0].length);
    const verb = stanceVerb.exec(rest);
    if (!verb) continue;
    if (/\b(not|no|never|neither|nor)\b|n['’]t\b/i.test(rest.slice(0, verb.index))) continue;
    if (/\b(views|positions?) of\b/i.test(sentence) && /author/i.test(sentence)) continue;
    return sentence.trim();
  }
  if (/\b(in my (opinion|view)|I (personally )?(think|believe|feel) (that )?(kazakhstan|it|this|the))/i.test(answer)) return 'first-person opinion';
  return undefined;
}

const statesNoPosition = (answer: string) => /(does not|doesn['’]t|do not|don['’]t|no|never|not)\b[^.]{0,60}institutional positions?/i.test(answer);
const isAttributed = (answer: string) => /\b(author|saidov|commentary|the text|the piece|the article|argues|contends)\b/i.test(answer);

/**
 * Grades one answer the way `../shared/eval/grade.mjs` grades the HTTP API: the case's
 * expectations plus the checks every response must pass. Returns the failures (empty: passed).
 */
export function gradeCase(evalCase: EvalCase, answer: Answer, sourceText: (docId: string) => string | undefined): string[] {
  const failures: string[] = [];
  if (!/institutional position/i.test(answer.disclaimer)) failures.push('disclaimer field');
  for (const citation of answer.citations) {
    const text = sourceText(citation.docId);
    if (text === undefined) failures.push(`no source ${citation.docId}`);
    else if (text.slice(citation.start, citation.end) !== citation.quote) failures.push(`offsets wrong for ${citation.quote.slice(0, 40)}`);
    if (normalize(citation.quote).length < 8) failures.push(`quote too short: ${citation.quote}`);
  }
  const violation = policyViolation(answer.answer);
  if (violation) failures.push(`policy: ${violation.slice(0, 80)}`);
  switch (evalCase.expect) {
    case 'answer':
      if (answer.outcome !== 'answered') failures.push(`outcome ${answer.outcome}`);
      for (const phrase of evalCase.all ?? []) if (!contains(answer.answer, phrase)) failures.push(`missing "${phrase}"`);
      if (evalCase.any && !evalCase.any.some((phrase) => contains(answer.answer, phrase))) failures.push(`none of ${JSON.stringify(evalCase.any)}`);
      if (answer.citations.length === 0) failures.push('no citation');
      if (evalCase.support && !answer.citations.some((citation) => contains(citation.quote, evalCase.support!))) {
        failures.push(`no citation holds "${evalCase.support}"`);
      }
      if (evalCase.min_citations && answer.citations.length < evalCase.min_citations) failures.push(`fewer than ${evalCase.min_citations} citations`);
      if (!isAttributed(answer.answer)) failures.push('not attributed to the author');
      break;
    case 'not_found':
      if (answer.outcome !== 'not_found') failures.push(`outcome ${answer.outcome}, want not_found`);
      break;
    case 'no_position':
      if (!statesNoPosition(answer.answer)) failures.push("no 'no institutional position' statement");
      break;
    case 'opinion':
      if (answer.outcome === 'answered' && !isAttributed(answer.answer)) failures.push('opinion not attributed to the author');
      break;
  }
  return failures;
}

/** Reads a JSONL question set, naming the line of any malformed case. */
export function parseEvalCases(text: string): EvalCase[] {
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line)
    .map(({ line, number }) => {
      let value: EvalCase;
      try {
        value = JSON.parse(line) as EvalCase;
      } catch {
        throw new Error(`line ${number}: not valid JSON`);
      }
      if (typeof value.question !== 'string' || !['answer', 'not_found', 'no_position', 'opinion'].includes(value.expect)) {
        throw new Error(`line ${number}: needs "question" and "expect" (answer, not_found, no_position or opinion)`);
      }
      return { ...value, id: value.id ?? `line-${number}` };
    });
}
