/**
 * Escapes text for Slack's mrkdwn: `&`, `<` and `>` are control characters there, so text from the
 * corpus or from a user can never turn into a mention (`<!channel>`, `<@U…>`) or a link (`<https://…>`).
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Turns a message as Slack delivers it into the plain question a person typed: mentions of the bot are
 * dropped, other mentions and links become their visible label, entities are decoded.
 */
export function slackTextToPlain(text: string, botUserId?: string): string {
  const withoutMarkup = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) {
      const userId = target.slice(1);
      if (userId === botUserId) return '';
      return label ? `@${label}` : '';
    }
    if (target.startsWith('#')) return label ? `#${label}` : '';
    if (target.startsWith('!')) return label ?? '';
    return label ?? target;
  });
  return unescapeSlackText(withoutMarkup).replace(/\s+/g, ' ').trim();
}

/** Cuts text to Slack's field limits without splitting a surrogate pair. */
export function truncateForSlack(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const characters = Array.from(text);
  let result = '';
  for (const character of characters) {
    if (result.length + character.length > maxLength - 1) break;
    result += character;
  }
  return `${result}…`;
}
