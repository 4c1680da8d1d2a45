import { beforeAll, describe, expect, it } from 'vitest';
import { claimSupport, isSupported, supportThreshold } from '../../src/answer/claim-support.ts';
import type { Chunk } from '../../src/corpus/types.ts';
import { createTestServices } from '../support/test-services.ts';
import { supportCases, unsupportedClaims } from './llm-support-cases.ts';

let sentences: Chunk[];

beforeAll(async () => {
  const services = await createTestServices();
  sentences = services.index.corpus.chunks.filter((chunk) => chunk.kind === 'sentence' && !chunk.isDisclaimer);
});

describe('the claim-support threshold separates supported from unsupported claims on the commentary', () => {
  it('passes every faithful paraphrase against its own sentence', () => {
    for (const { claim, source } of supportCases) {
      const own = sentences.find((sentence) => sentence.text.includes(source));
      expect(own, source).toBeDefined();
      const support = claimSupport(claim, [own!.text]);
      expect(isSupported(support), `${claim} → ${support.score.toFixed(2)} missing ${support.missing.join(', ')}`).toBe(true);
    }
  });

  it('fails every paraphrase against every other sentence', () => {
    for (const { claim, source } of supportCases) {
      for (const other of sentences.filter((sentence) => !sentence.text.includes(source))) {
        const support = claimSupport(claim, [other.text]);
        expect(isSupported(support), `${claim} ↔ ${other.id}: ${support.score.toFixed(2)}`).toBe(false);
      }
    }
  });

  it('fails invented claims against every sentence', () => {
    for (const claim of unsupportedClaims) {
      for (const sentence of sentences) expect(isSupported(claimSupport(claim, [sentence.text])), `${claim} ↔ ${sentence.id}`).toBe(false);
    }
  });

  it('rejects a changed figure even when every other word matches', () => {
    const source = sentences.find((sentence) => sentence.text.includes('$140 million'))!.text;
    expect(isSupported(claimSupport('Kazakhstan signed twenty agreements worth $140 million.', [source]))).toBe(true);
    expect(isSupported(claimSupport('Kazakhstan signed 20 agreements worth $140 million.', [source]))).toBe(true);
    const changed = claimSupport('Kazakhstan signed twenty agreements worth $410 million.', [source]);
    expect(changed.missingNumbers).toEqual(['$410']);
    expect(isSupported(changed)).toBe(false);
  });

  it('has a threshold between 0 and 1 that framing words alone cannot meet', () => {
    expect(supportThreshold).toBeGreaterThan(0.5);
    expect(claimSupport('The author argues this.', ['Anything at all.']).hasContent).toBe(false);
  });
});
