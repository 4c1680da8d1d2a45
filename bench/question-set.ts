import { stopwords } from '@orama/stopwords/english';
import type { Corpus } from '../src/corpus/types.ts';
import { createRandom } from './random.ts';

const topicTemplates = [
  'What does the commentary say about {a}?',
  'Why is {a} important?',
  'What is the role of {a}?',
  'Tell me about {a}.',
  'What did the author write about {a}?',
  'Who is involved in {a}?',
  'How does {a} relate to {b}?',
  'Is {a} linked to {b}?',
  'What is said about {a} and {b}?',
  'Explain {a}.',
  'What happened with {a}?',
  'How much {a} is there?',
  'Where does {a} come in?',
  'What are the risks of {a}?',
  'Why does the author mention {a} alongside {b}?',
] as const;

// Lower-case on purpose: capitalised unknown names are refused before retrieval, and these should reach it.
const offCorpusTopics = [
  'quantum computing', 'football transfers', 'baking bread', 'interest rates in japan', 'the roman empire',
  'electric cars', 'coral reefs', 'jazz music', 'vaccine trials', 'mars exploration', 'chess openings', 'tax returns',
];

const stopSet = new Set(stopwords as string[]);

/** Runs of one to three content words from each sentence: the topics a reader might ask about. */
export function topicsOf(corpus: Corpus): string[] {
  const topics = new Set<string>();
  for (const chunk of corpus.chunks) {
    if (chunk.kind !== 'sentence' || chunk.isDisclaimer) continue;
    const words = chunk.text.match(/[\p{L}][\p{L}’'-]*/gu) ?? [];
    let run: string[] = [];
    const flush = () => {
      for (let size = 1; size <= Math.min(3, run.length); size++) {
        for (let start = 0; start + size <= run.length; start++) topics.add(run.slice(start, start + size).join(' '));
      }
      run = [];
    };
    for (const word of words) {
      const lower = word.toLowerCase();
      if (stopSet.has(lower) || lower.length < 3) flush();
      else run.push(word);
    }
    flush();
  }
  return [...topics];
}

export interface QuestionSetOptions {
  corpus: Corpus;
  count: number;
  seed?: number;
  /** Share of questions about topics the text never covers (default 0.1). */
  offCorpusShare?: number;
}

/**
 * Distinct, varied questions built from the corpus's own phrases and question templates, with
 * a share about unrelated topics, so retrieval sees the spread of real traffic rather than one query.
 */
export function buildQuestionSet(options: QuestionSetOptions): string[] {
  const random = createRandom(options.seed ?? 7);
  const topics = topicsOf(options.corpus);
  const offShare = options.offCorpusShare ?? 0.1;
  const questions = new Set<string>();
  let attempts = 0;
  while (questions.size < options.count && attempts < options.count * 50) {
    attempts++;
    const template = random.pick(topicTemplates);
    const source = random.next() < offShare ? offCorpusTopics : topics;
    const question = template.replace('{a}', random.pick(source)).replace('{b}', random.pick(topics));
    questions.add(question);
  }
  return [...questions];
}
