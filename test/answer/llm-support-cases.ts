/**
 * Faithful paraphrases of sentences of the commentary, written the way a model answers (framed,
 * reworded, condensed). Each names the sentence it restates by a phrase of it. Used to measure the
 * claim-support threshold: a claim must pass against its own sentence and fail against the others.
 */
export const supportCases: Array<{ claim: string; source: string }> = [
  { claim: 'The author argues that Deputy Prime Minister Serik Zhumangarin’s official visit to Kabul from April 21 to 23 marks a significant recalibration of Astana’s regional diplomacy.', source: 'official visit of Deputy Prime Minister' },
  { claim: 'Serik Zhumangarin visited Kabul between April 21 and 23.', source: 'official visit of Deputy Prime Minister' },
  { claim: 'According to the commentary, Kazakhstan signed twenty agreements worth $140 million with the Taliban-led administration.', source: 'signing of twenty agreements' },
  { claim: 'The author contends the agreements are not merely transactional but reflect a deliberate strategic shift in Central Asia’s approach to Afghanistan.', source: 'signing of twenty agreements' },
  { claim: 'This shift followed Russia’s removal of the Taliban from its list of terrorist organisations.', source: 'signing of twenty agreements' },
  { claim: 'Kazakhstan emerges as a regional actor balancing economic interests with pragmatic foreign policy adjustments.', source: 'regional actor intent on balancing' },
  { claim: 'The commentary identifies three pillars of Kazakhstan’s outreach: transit, trade and resource diplomacy.', source: 'three major pillars' },
  { claim: 'Saidov says Kazakhstan wants to become a key transit corridor linking Russia and the Indian Ocean via Afghanistan.', source: 'key transit corridor' },
  { claim: 'Kazakhstan is keen to transform itself into a transit corridor between Russia and the Indian Ocean.', source: 'key transit corridor' },
  { claim: 'This vision aligns with Astana’s long-term objective of diversifying trade routes amid shifting global supply chains.', source: 'diversifying trade routes' },
  { claim: 'The author notes diversifying trade routes matters given increasing geopolitical fragmentation.', source: 'diversifying trade routes' },
  { claim: 'The author points out a significant surge in sugar exports.', source: 'surge in sugar exports' },
  { claim: 'There are also opportunities in grain, flour and confectionery products.', source: 'surge in sugar exports' },
  { claim: 'Afghanistan’s population exceeds 41 million people.', source: 'population exceeding 41 million' },
  { claim: 'The author suggests access to this consumer base offers immediate economic benefits and long-term potential for sustained trade growth.', source: 'population exceeding 41 million' },
  { claim: 'Kazakhstan dispatched a geological mission to Nuristan Province.', source: 'geological mission to Nuristan' },
  { claim: 'The mission collected ore samples for analysis.', source: 'geological mission to Nuristan' },
  { claim: 'Saidov draws attention to Kazakhstan’s entry into Afghanistan’s mineral sector.', source: 'geological mission to Nuristan' },
  { claim: 'He argues this move may herald deeper resource cooperation.', source: 'herald deeper resource cooperation' },
  { claim: 'It could introduce Kazakhstan as a technical partner in Afghanistan’s untapped mining economy.', source: 'herald deeper resource cooperation' },
  { claim: 'The decision to form a joint technical team reflects a commitment to structured and scientific collaboration.', source: 'joint technical team' },
  { claim: 'The joint technical team could position Kazakhstan as a regional leader in responsible resource development.', source: 'joint technical team' },
  { claim: 'In conclusion, the author argues that Kazakhstan’s engagement with Afghanistan is a calculated policy that transcends economic expediency.', source: 'calculated policy' },
  { claim: 'The engagement reflects an aspiration to influence the infrastructural and commercial architecture of Central Asia.', source: 'aspiration to influence' },
  { claim: 'Kazakhstan is cautiously navigating a post-American Afghan reality.', source: 'aspiration to influence' },
  { claim: 'Saidov notes the broader impact may be a redefinition of regional connectivity.', source: 'redefinition of regional connectivity' },
  { claim: 'Astana is positioning itself as a strategic bridge linking Russia, Central Asia and South Asia.', source: 'redefinition of regional connectivity' },
  { claim: 'Astana wants to be not only a trade partner but a strategic bridge.', source: 'redefinition of regional connectivity' },
];

/** Claims a model might invent: plausible, on topic, and stated by no sentence of the commentary. */
export const unsupportedClaims: string[] = [
  'Kazakhstan plans to build a railway through Herat to reach Iranian ports.',
  'The agreements include a military cooperation pact with the Taliban government.',
  'Uzbekistan and Turkmenistan opposed the visit to Kabul.',
  'China financed the geological mission to Nuristan Province.',
  'The Taliban promised to recognise Kazakhstan’s gas pipeline rights.',
  'Kazakhstan will open an embassy in Kandahar next year.',
];
