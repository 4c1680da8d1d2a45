import type { Answer } from '../../answer/types.ts';

/**
 * Keeps text inert in Slack-compatible chat tools: `&`, `<`, `>` are escaped (Slack's legacy format; Markdown
 * renderers decode the entities back), and `@name` / `@channel` get a word joiner after the `@` so no one is
 * notified by text that came from the corpus or the question.
 */
export function neutraliseWebhookText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=[\p{L}\p{N}_.-])/gu, '@\u2060');
}

/** The answer with its `[n]` markers, each quote as a `>` block line, then the publisher's disclaimer in italics. */
export function formatWebhookAnswer(answer: Answer): string {
  const lines = [neutraliseWebhookText(answer.answer)];
  if (answer.citations.length > 0) {
    lines.push('');
    for (const citation of answer.citations) lines.push(`> [${citation.n}] “${neutraliseWebhookText(citation.quote).replace(/\s+/g, ' ')}”`);
  }
  if (answer.disclaimer) lines.push('', `_${neutraliseWebhookText(answer.disclaimer).replace(/_/g, ' ')}_`);
  return lines.join('\n');
}
