import type { WordNet } from './wordnet.ts';

export interface WordSense {
  /** The word is in WordNet at all (an English word, not an unknown name). */
  known: boolean;
  /** Every WordNet entry for it is a proper noun (a place, a person): "turkmenistan". */
  properNounOnly: boolean;
  /** Synonyms, hypernyms and derived forms of its commonest senses, lower case. */
  strong: Set<string>;
  /** Content words of those senses' definitions: looser evidence. */
  weak: Set<string>;
}

const sensesPerPartOfSpeech = 3;
const glossStopwords = new Set(['the', 'a', 'an', 'of', 'or', 'and', 'to', 'in', 'on', 'for', 'by', 'with', 'as', 'that', 'which', 'who', 'is', 'be', 'being', 'from', 'at', 'something', 'someone', 'usually', 'especially', 'etc', 'e.g', 'one', 'any', 'its', 'their', 'other', 'such', 'used', 'act', 'process', 'state', 'quality', 'having', 'make', 'made', 'person', 'thing', 'way', 'not', 'more', 'than', 'into', 'out', 'up', 'has', 'have']);

/** Looks a word up in WordNet and gathers the words a reader would accept as meaning nearly the same. */
export function senseOf(wordNet: WordNet, word: string): WordSense {
  const entries = wordNet.lemmas(word);
  if (entries.length === 0) return { known: false, properNounOnly: false, strong: new Set(), weak: new Set() };
  const strong = new Set<string>();
  const weak = new Set<string>();
  let properNounOnly = true;
  for (const entry of entries) {
    for (const [senseIndex, offset] of entry.offsets.slice(0, sensesPerPartOfSpeech).entries()) {
      const synset = wordNet.synset(entry.partOfSpeech, offset);
      if (!synset) continue;
      const self = synset.words.find((candidate) => candidate.toLowerCase() === entry.lemma);
      if (!self || self === self.toLowerCase()) properNounOnly = false;
      // Rarer senses, and verb senses past the first, contribute only loose evidence.
      const close = senseIndex === 0 || (senseIndex === 1 && entry.partOfSpeech !== 'verb');
      for (const synonym of synset.words) addPhrase(close ? strong : weak, synonym, weak);
      for (const pointer of synset.pointers) {
        // Derived forms of any common sense; the broader term only of the commonest one.
        if (!(pointer.symbol === '+' || pointer.symbol === '\\' || (pointer.symbol === '@' && senseIndex === 0))) continue;
        const target = wordNet.synset(pointer.partOfSpeech, pointer.offset);
        for (const lemma of target?.words.slice(0, 3) ?? []) addPhrase(strong, lemma, weak);
      }
      const definition = synset.gloss.split(';')[0] ?? '';
      for (const glossWord of definition.toLowerCase().match(/[a-z]+/g) ?? []) {
        if (glossWord.length > 2 && !glossStopwords.has(glossWord)) weak.add(glossWord);
      }
    }
  }
  strong.delete(word.toLowerCase());
  for (const word of strong) weak.delete(word);
  return { known: true, properNounOnly, strong, weak };
}

/** A one-word lemma goes to `into`; the parts of a multi-word one ("economic_process") only to `loose`. */
function addPhrase(into: Set<string>, lemma: string, loose: Set<string>) {
  const parts = lemma.toLowerCase().split(/[_-]/).filter((part) => part.length > 2 && !glossStopwords.has(part));
  for (const part of parts) (parts.length === 1 ? into : loose).add(part);
}
