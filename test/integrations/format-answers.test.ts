import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.ts';
import { formatSlackAnswer } from '../../src/integrations/slack/format-slack-answer.ts';
import { slackTextToPlain } from '../../src/integrations/slack/slack-text.ts';
import { formatWebhookAnswer } from '../../src/integrations/webhook/format-webhook-answer.ts';

// An answer whose text and quote carry everything Slack or Mattermost would act on.
const hostile: Answer = {
  answer: 'Ping <!channel> and <@U123ABC> & see <https://evil.example|here> or @here [1].',
  citations: [{ n: 1, docId: 'doc', chunkId: 'doc:p0:s0', quote: 'A <b>quote</b> & @all', start: 0, end: 21 }],
  outcome: 'answered',
  disclaimer: 'The publisher takes no positions.',
  engine: 'extractive',
};

describe('formatSlackAnswer', () => {
  it('escapes &, < and > everywhere and turns off automatic links and mentions', () => {
    const message = formatSlackAnswer(hostile, { question: 'who is <@U999>?' });
    const serialised = JSON.stringify(message);
    expect(serialised).not.toMatch(/<!channel>|<@U|<https?:|<b>/);
    expect(message.text).toBe('Ping &lt;!channel&gt; and &lt;@U123ABC&gt; &amp; see &lt;https://evil.example|here&gt; or @here [1].');
    for (const block of message.blocks) {
      const texts = block.type === 'section' ? [block.text] : block.type === 'context' ? block.elements : [];
      for (const text of texts) expect(text).toMatchObject({ type: 'mrkdwn', verbatim: true });
    }
    expect(message.blocks.map((block) => block.type)).toEqual(['context', 'section', 'context', 'context']);
  });

  it('keeps each quote with its [n] marker and ends with the disclaimer', () => {
    const message = formatSlackAnswer(hostile);
    const contexts = message.blocks.filter((block) => block.type === 'context');
    expect(contexts[0]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', verbatim: true, text: '[1] “A &lt;b&gt;quote&lt;/b&gt; &amp; @all”' }] });
    expect(contexts[1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', verbatim: true, text: 'The publisher takes no positions.' }] });
  });

  it('stays within Slack block limits for a very long answer', () => {
    const message = formatSlackAnswer({ ...hostile, answer: 'x'.repeat(10_000) });
    const section = message.blocks.find((block) => block.type === 'section')!;
    expect(section.type === 'section' && section.text.text.length).toBeLessThanOrEqual(3000);
  });
});

describe('formatWebhookAnswer', () => {
  it('escapes markup and breaks @-mentions so no one is notified', () => {
    const text = formatWebhookAnswer(hostile);
    expect(text).not.toMatch(/<!channel>|<@U|<https?:|@here|@all/);
    expect(text).toContain('@\u2060here');
    expect(text.split('\n')).toEqual([
      'Ping &lt;!channel&gt; and &lt;@\u2060U123ABC&gt; &amp; see &lt;https://evil.example|here&gt; or @\u2060here [1].',
      '',
      '> [1] “A &lt;b&gt;quote&lt;/b&gt; &amp; @\u2060all”',
      '',
      '_The publisher takes no positions._',
    ]);
  });
});

describe('slackTextToPlain', () => {
  it('drops the bot mention, keeps labels of other mentions and links, decodes entities', () => {
    expect(slackTextToPlain('<@UBOT> what about <@U1|ann> &amp; <https://a.example|this link> &lt;3?', 'UBOT')).toBe('what about @ann & this link <3?');
    expect(slackTextToPlain('<@UBOT>   ', 'UBOT')).toBe('');
    expect(slackTextToPlain('see <https://a.example>', 'UBOT')).toBe('see https://a.example');
  });
});
