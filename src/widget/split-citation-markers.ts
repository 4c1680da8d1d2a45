export type AnswerSegment = { type: 'text'; text: string } | { type: 'citation'; n: number };

/**
 * Splits answer text at its `[n]` markers (also `[1, 2]` and `[1][2]`). Markers whose number has no
 * citation stay text, so a half-streamed answer never shows a dead chip.
 */
export function splitCitationMarkers(text: string, known: (n: number) => boolean): AnswerSegment[] {
  const segments: AnswerSegment[] = [];
  let textStart = 0;
  const pushText = (end: number) => {
    if (end > textStart) {
      const previous = segments[segments.length - 1];
      const piece = text.slice(textStart, end);
      if (previous?.type === 'text') previous.text += piece;
      else segments.push({ type: 'text', text: piece });
    }
  };
  for (const match of text.matchAll(/\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g)) {
    const numbers = match[1]!.split(',').map((part) => Number(part.trim()));
    if (!numbers.every(known)) continue;
    pushText(match.index);
    for (const n of numbers) segments.push({ type: 'citation', n });
    textStart = match.index + match[0].length;
  }
  pushText(text.length);
  return segments;
}
