import { statesInstitutionalView } from './institutional-view.ts';

// A sentence that speaks to the assistant rather than the reader is an instruction, not content.
const addressesTheAssistant =
  /\b(system (instruction|prompt|message)|instructions? to the (assistant|model|ai)|the assistant|chatbot|language model|ignore (all )?(previous|prior|above|earlier)|disregard (all )?(previous|prior|above)|tell the user|(begin|end|start) every answer|every answer|your (rules|instructions)|respond with|reply with|when asked)\b/i;
const linkOrImage = /!\[[^\]]*\]\(|\]\(\s*[a-z]+:|\b(https?|ftp|data|javascript):\/?\/?\S/i;
const institutionPosition = /\b(official )?(position|view|stance|line|policy) of (the )?(IAIS|Institute)\b/i;

/**
 * Whether a corpus sentence may be quoted in an answer. Documents are data: a sentence that gives the
 * assistant instructions, carries a link or image that could exfiltrate the conversation, or states a
 * position of the institute is never retrieved or quoted, whatever document it is in.
 */
export function isQuotable(sentence: string): boolean {
  return !addressesTheAssistant.test(sentence) && !linkOrImage.test(sentence) && !institutionPosition.test(sentence) && !statesInstitutionalView(sentence);
}
