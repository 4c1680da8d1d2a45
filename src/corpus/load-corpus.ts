import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { chunkDocument } from './chunk-document.ts';
import type { Corpus, CorpusDocument } from './types.ts';

const metadataSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, - and _ only').optional(),
  file: z.string().optional(),
  title: z.string().min(1),
  author: z.string().min(1),
  authorRole: z.string().optional(),
  publisher: z.string().optional(),
  disclaimer: z.string().optional(),
});

/**
 * Loads every document in `directory`: each `NAME.json` (metadata) with its text file
 * (`file`, default `NAME.txt`). A malformed document is reported in `problems` by name
 * and skipped; the others still load.
 */
export async function loadCorpus(directory: string): Promise<Corpus> {
  const names = (await readdir(directory)).sort();
  const documents: CorpusDocument[] = [];
  const problems: string[] = [];
  for (const name of names.filter((entry) => entry.endsWith('.json'))) {
    try {
      documents.push(await loadDocument(directory, name));
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const seen = new Set<string>();
  const unique = documents.filter((document) => {
    if (seen.has(document.id)) {
      problems.push(`${document.id}: duplicate document id, later copy skipped`);
      return false;
    }
    seen.add(document.id);
    return true;
  });
  return buildCorpus(unique, problems);
}

/** Builds a corpus from documents already in memory (tests, synthetic benchmarks). */
export function buildCorpus(documents: CorpusDocument[], problems: string[] = []): Corpus {
  const hash = createHash('sha256');
  for (const document of documents) hash.update(JSON.stringify(document));
  return {
    documents,
    chunks: documents.flatMap(chunkDocument),
    hash: hash.digest('hex').slice(0, 16),
    problems,
  };
}

async function loadDocument(directory: string, name: string): Promise<CorpusDocument> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(directory, name), 'utf8'));
  } catch (error) {
    throw new Error(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = metadataSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'metadata'}: ${issue.message}`).join('; '));
  }
  const metadata = parsed.data;
  const stem = basename(name, '.json');
  const textFile = metadata.file ?? `${stem}.txt`;
  let text: string;
  try {
    text = (await readFile(join(directory, textFile), 'utf8')).replace(/\r\n?/g, '\n');
  } catch {
    throw new Error(`text file ${textFile} is missing or unreadable`);
  }
  if (!text.trim()) throw new Error(`text file ${textFile} is empty`);
  if (metadata.disclaimer && !text.replace(/\s+/g, ' ').includes(metadata.disclaimer.replace(/\s+/g, ' '))) {
    throw new Error('disclaimer does not appear verbatim in the text');
  }
  const { file: _file, ...rest } = metadata;
  return { ...rest, id: metadata.id ?? stem, text };
}
