import { describe, expect, it } from 'vitest';
import { statesInstitutionalView } from '../../src/answer/institutional-view.ts';
import { splitIntoSentences, createSentenceBuffer } from '../../src/answer/sentence-buffer.ts';

describe('statesInstitutionalView', () => {
  it.each([
    'The IAIS supports Kazakhstan’s engagement with the Taliban.',
    'The Institute believes this is a calculated policy.',
    'The Institute for Advanced International Studies argues that Astana is a bridge.',
    'IAIS’s position is that the visit matters.',
    'In my opinion, the engagement is wise.',
    'I think the agreements are a good idea.',
    'I believe Kazakhstan is right.',
  ])('catches %s', (sentence) => expect(statesInstitutionalView(sentence)).toBe(true));

  it.each([
    'The IAIS does not take institutional positions on any issues.',
    'Shokhrukh Saidov, member of the IAIS Volunteers Club, argues that the visit marks a recalibration.',
    'The views are those of the author and not the positions of the IAIS, which holds none.',
    'The author argues that Kazakhstan is a strategic bridge.',
  ])('lets %s through', (sentence) => expect(statesInstitutionalView(sentence)).toBe(false));
});

describe('sentence buffer', () => {
  it('emits a sentence only once it is complete, markers included', () => {
    const buffer = createSentenceBuffer();
    expect(buffer.push('Kazakhstan sent a mission to Nuristan')).toEqual([]);
    expect(buffer.push(' Province [2]. The mis')).toEqual(['Kazakhstan sent a mission to Nuristan Province [2].']);
    expect(buffer.push('sion took ore samples. [3')).toEqual([]);
    expect(buffer.push('] It ended')).toEqual(['The mission took ore samples. [3]']);
    expect(buffer.flush()).toEqual(['It ended']);
  });

  it('keeps abbreviations and amounts inside their sentence', () => {
    expect(splitIntoSentences('The U.S. officials left [1]. Worth $140.5 million [2]. Next line\nNew line [3].')).toEqual([
      'The U.S. officials left [1].',
      'Worth $140.5 million [2].',
      'Next line',
      'New line [3].',
    ]);
  });
});
