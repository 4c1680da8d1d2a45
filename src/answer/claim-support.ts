import { contentWords, type Token, wordsMatch } from './text.ts';

/**
 * Least share of a claim's content words that its cited passages must contain. Measured on
 * test/answer/llm-support-cases.ts (faithful paraphrases against their own sentence, and the same
 * claims against the best-matching wrong sentence): see the README's "Generative mode" section.
 */
export const supportThreshold = 0.7;

// Words that frame a claim ("the author argues that …") rather than state it.
const framingWords = new Set([
  'author', 'authors', 'commentary', 'text', 'article', 'piece', 'saidov', 'shokhrukh', 'argue', 'argues', 'argued', 'contend', 'contends',
  'note', 'notes', 'noted', 'say', 'says', 'said', 'suggest', 'suggests', 'suggested', 'claim', 'claims', 'write', 'writes', 'wrote',
  'highlight', 'highlights', 'highlighted', 'point', 'points', 'pointed', 'according', 'describe', 'describes', 'described', 'state',
  'states', 'stated', 'mention', 'mentions', 'mentioned', 'observe', 'observes', 'stress', 'stresses', 'emphasise', 'emphasises',
  'emphasize', 'emphasizes', 'underscore', 'underscores', 'explain', 'explains', 'also', 'further', 'furthermore', 'additionally',
  'moreover', 'notably', 'specifically', 'view', 'views', 'sees', 'see',
]);

const numberWords: Record<string, string> = {
  two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', eleven: '11',
  twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16', seventeen: '17', eighteen: '18', nineteen: '19',
  twenty: '20', thirty: '30', forty: '40', fifty: '50', sixty: '60', seventy: '70', eighty: '80', ninety: '90', hundred: '100',
};

function numberValue(token: Token): string | undefined {
  if (/^\$?\d/.test(token.lower)) return token.lower.replace(/[$,]/g, '');
  return numberWords[token.lower];
}

export interface ClaimSupport {
  /** Share of the claim's content words found in the passages, 0 to 1. */
  score: number;
  /** Content words of the claim that no passage contains. */
  missing: string[];
  /** Numbers in the claim that no passage contains: a changed figure is never supported. */
  missingNumbers: string[];
  /** Whether the claim states anything at all (it has content words beyond its framing). */
  hasContent: boolean;
}

/** How well `passages` support `claim`, by lexical overlap of content words (stems and prefixes match). */
export function claimSupport(claim: string, passages: string[]): ClaimSupport {
  const claimWords = contentWords(claim).filter((token) => !framingWords.has(token.lower) && (token.lower.length > 1 || /\d/.test(token.lower)));
  const passageWords = passages.flatMap((passage) => contentWords(passage));
  const passageNumbers = new Set(passageWords.map(numberValue).filter((value) => value !== undefined));
  const missing: string[] = [];
  const missingNumbers: string[] = [];
  for (const word of claimWords) {
    const number = numberValue(word);
    if (number !== undefined) {
      if (!passageNumbers.has(number)) missingNumbers.push(word.word);
      continue;
    }
    if (!passageWords.some((passageWord) => wordsMatch(word, passageWord))) missing.push(word.word);
  }
  const total = claimWords.length;
  const supported = total - missing.length - missingNumbers.length;
  return { score: total === 0 ? 0 : supported / total, missing, missingNumbers, hasContent: total > 0 };
}

/** Whether the claim passes: enough overlap and every number present. */
export function isSupported(support: ClaimSupport, threshold = supportThreshold): boolean {
  return support.hasContent && support.missingNumbers.length === 0 && support.score >= threshold;
}
