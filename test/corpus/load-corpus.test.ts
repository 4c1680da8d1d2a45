import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load-corpus.ts';
import { projectRoot } from '../support/test-services.ts';

describe('loadCorpus', () => {
  it('loads the commentary verbatim with its metadata and disclaimer', async () => {
    const corpus = await loadCorpus(join(projectRoot, 'corpus'));
    expect(corpus.problems).toEqual([]);
    const [commentary] = corpus.documents;
    expect(commentary!.author).toBe('Shokhrukh Saidov');
    expect(commentary!.text.startsWith('Shokhrukh Saidov, member of the IAIS Volunteers Club')).toBe(true);
    const disclaimer = corpus.chunks.find((chunk) => chunk.kind === 'sentence' && chunk.isDisclaimer)!;
    expect(disclaimer.text).toBe(commentary!.disclaimer);
    expect(commentary!.text.slice(disclaimer.start, disclaimer.end)).toBe(commentary!.disclaimer);
  });

  it('reports a malformed document by name and still loads the others', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'corpus-'));
    await writeFile(join(directory, 'good.json'), JSON.stringify({ title: 'Good', author: 'Ann' }));
    await writeFile(join(directory, 'good.txt'), 'A fine text. It has two sentences.');
    await writeFile(join(directory, 'broken.json'), '{ not json');
    await writeFile(join(directory, 'untitled.json'), JSON.stringify({ author: 'Bo' }));
    await writeFile(join(directory, 'untitled.txt'), 'Text.');
    await writeFile(join(directory, 'orphan.json'), JSON.stringify({ title: 'No text', author: 'Cy' }));
    const corpus = await loadCorpus(directory);
    expect(corpus.documents.map((document) => document.id)).toEqual(['good']);
    expect(corpus.problems).toHaveLength(3);
    expect(corpus.problems.find((problem) => problem.startsWith('broken.json'))).toMatch(/not valid JSON/);
    expect(corpus.problems.find((problem) => problem.startsWith('untitled.json'))).toMatch(/title/);
    expect(corpus.problems.find((problem) => problem.startsWith('orphan.json'))).toMatch(/orphan\.txt is missing/);
  });

  it('changes its hash when a document changes, so a persisted index is not reused', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'corpus-'));
    await writeFile(join(directory, 'a.json'), JSON.stringify({ title: 'A', author: 'Ann' }));
    await writeFile(join(directory, 'a.txt'), 'Version one.');
    const first = await loadCorpus(directory);
    expect((await loadCorpus(directory)).hash).toBe(first.hash);
    await writeFile(join(directory, 'a.txt'), 'Version two.');
    expect((await loadCorpus(directory)).hash).not.toBe(first.hash);
  });
});
