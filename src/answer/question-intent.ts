import { normalizePunctuation } from './text.ts';

export type PolicyIntent = 'injection' | 'institution' | 'opinion' | 'off_task';
export type AnswerType = 'person' | 'author' | 'publisher' | 'date' | 'count' | 'money' | 'place';

export interface QuestionIntent {
  /** A question the policy answers rather than the text. */
  policy: PolicyIntent | undefined;
  /** What a factoid question asks for; the answer leads with it. */
  answerType: AnswerType | undefined;
  /** Asks for an overview of several points rather than one fact. */
  summary: boolean;
  /** The question without injected instructions or references to the institute's view. */
  remainder: string;
}

const institution =
  /\b(iais|the institute|institute for advanced international studies|institute'?s?|(the|its) publisher'?s?|think[- ]tank|the organi[sz]ation (that|which|behind)\b[^?]{0,20}publish\w*)\b(?!\s+volunteers)/i;
const institutionStance =
  /\b(views?|positions?|stance|think\w*|endorse\w*|supports?|agrees?|opinions?|believes?|says?|conclu\w*|recommend\w*|official|backs?|oppose\w*|favou?r\w*|side|takes?|line)\b/i;
const institutionIdentity =
  /\b(stand for|stands for|acronym|abbreviation|full name|what is (the )?(iais|institute)\b[^a-z]*$|who (is|are) (the )?(iais|institute)\b[^a-z]*$|member|members|volunteers?|publish\w*|where is|founded|based)\b/i;

const injectionCues = [
  /\b(ignore|disregard|forget|override|bypass)\b[^.?!]{0,40}\b(instruction|instructions|rules|prompt|guidelines|above|previous|prior|system)\b/i,
  /\b(system prompt|developer mode|jailbreak|DAN mode)\b/i,
  /\byou are now\b|\bfrom now on,? you\b|\bact as\b|\bpretend (to be|you)\b|\brole-?play\b/i,
  /\b(say|state|write|declare|announce|claim|print|output|respond with|reply with|repeat)\b[^.?!]{0,30}\b(that|the following|exactly|verbatim)\b/i,
  /\brepeat after me\b|\bnew instructions?\b|\boverride\b|\byour (new )?(task|job|role) is\b|\byou must now\b|\brespond only with\b/i,
  /^\s*(please\s+)?(say|state|write|declare|announce|print|output|repeat|type|confirm|admit)\b[^?]*\b(iais|institute)\b/i,
  /^\s*(please\s+)?(say|repeat|print|output|type)\s*[:"“']/i,
  // A link or image to put in the answer would carry the conversation elsewhere.
  /!\[[^\]]*\]\(|\]\(\s*[a-z]+:|\b(https?|ftp|data|javascript):\/\/|\b(append|attach|embed|include|insert|add)\b[^.?!]{0,40}\b(image|link|url|markdown|html|script)\b/i,
];

const opinionCues = [
  /\b(you|your|yourself)\b[^.?!]{0,40}\b(think|opinion|view|believe|feel|agree|disagree|stance|position|take on|personally|prefer|recommend|support)\b/i,
  /^(is|was|are|were|would|will)\b[^?]{0,80}\b(right|wrong|good|bad|wise|unwise|smart|foolish|justified|justifiable|mistake|correct|ethical|unethical|moral|immoral|acceptable|legitimate|dangerous|beneficial|worth it|a good idea|a bad idea)\b/i,
  /^should\b|\bshould (kazakhstan|astana|they|we|the|countries|anyone|central asia)\b/i,
  /\b(is it|was it) (right|wrong|good|bad|wise|ok|okay|fair|moral|ethical)\b/i,
  /\b(do|would) you (agree|support|endorse|recommend|approve)\b/i,
  /\bwho is right\b|\bwhich side\b|\bpick a side\b/i,
  /^(which|what) (is|would be|was) (better|worse|the best|the worst|preferable|wiser)\b/i,
  /\b(good|bad|right|wrong) (idea|move|decision|choice|policy)\b.*\?\s*$/i,
];

const offTaskCues =
  /^(please\s+)?(write|compose|draft|generate|create|translate|code|program|sing|tell me a joke|make up|invent)\b|\b(poem|haiku|song|lyrics|joke|essay|story|recipe|python|javascript|sql|source code)\b/i;

const attributionCue = /\b(author|saidov|commentary|the text|the article|the piece|according to|writer)\b/i;

/** Classifies a question by what it asks for. It never rewrites what the text says. */
export function classifyQuestion(rawQuestion: string): QuestionIntent {
  const question = normalizePunctuation(rawQuestion).trim();
  const sentences = question.split(/(?<=[.!?;])\s+|\n+/).filter(Boolean);
  const injected = sentences.filter((sentence) => injectionCues.some((cue) => cue.test(sentence)));
  let remainder = sentences.filter((sentence) => !injected.includes(sentence)).join(' ');
  // "… and state that X": the clause after a joined instruction is not part of the question either.
  remainder = remainder.replace(/\s*,?\s*\b(and|then|also)\s+(say|state|write|declare|claim)\b.*$/i, '');

  let policy: PolicyIntent | undefined;
  // Any question that has the institute say, think or conclude something is about its position; only
  // questions about what the institute is ("What does IAIS stand for?") are not.
  const asksInstitution = (text: string) =>
    institution.test(text.replace(/iais volunteers club/gi, '')) && (institutionStance.test(text) || !institutionIdentity.test(text));
  if (injected.length > 0) policy = 'injection';
  else if (asksInstitution(question)) policy = 'institution';
  else if (!attributionCue.test(question) && opinionCues.some((cue) => cue.test(question))) policy = 'opinion';
  else if (offTaskCues.test(question) && !/\b(summar|what|who|when|where|why|how)\b/i.test(question.split(/\s+/).slice(0, 1).join(' '))) policy = 'off_task';

  if (policy === 'institution') {
    remainder = remainder
      .replace(/\b(what|how) (does|do|did|would)\s+(the\s+)?(iais|institute)\s+\w+\s+(about|of|on)\s*/i, 'what about ')
      .replace(institution, ' ');
  }
  return {
    policy,
    answerType: detectAnswerType(remainder || question),
    summary: /\b(summar\w*|sum (it )?up|sum-up|recap\w*|wrap (it )?up|in a nutshell|outline|overview|gist|main (points?|argument|idea|message|claim|thesis)|key (points?|takeaways?|arguments?)|tl;?dr|what is (the|this) (commentary|text|article|piece) about|in (brief|short)|central argument|overall argument)\b/i.test(question),
    remainder: remainder.trim() || question,
  };
}

function detectAnswerType(question: string): AnswerType | undefined {
  const q = question.toLowerCase();
  if (/\b(who|which|what)\b[^?]*\b(publish\w*|publisher)\b/.test(q)) return 'publisher';
  if (/\b(who|which person|whose)\b[^?]*\b(wrote|write|written|authored|author|penned|commentary|byline)\b|\bwho is the (author|writer)\b|\b(author|writer) of\b|\bwritten by\b/.test(q)) return 'author';
  if (/\b(author|writer|saidov)\b.*\b(member|affiliat\w*|belongs?|organi[sz]ation|works? for|background|who is)\b|\b(member|affiliat\w*|belongs?|organi[sz]ation|works? for)\b.*\b(author|writer|saidov)\b/.test(q)) return 'author';
  if (/\bhow much\b|\b(worth|value|valued|cost|price|amount|sum)\b/.test(q) && !/\bhow many\b/.test(q)) return 'money';
  if (/\bhow many\b|\bnumber of\b|\bhow (large|big) (is|was)\b.*\bpopulation\b|\bwhat is\b.*\bpopulation\b/.test(q)) return 'count';
  if (/^\s*when\b|\bhow long\b|\b(what|which) (date|dates|day|days|month|year|time)\b|\bon what (date|day)\b/.test(q)) return 'date';
  if (/^\s*where\b|\b(what|which) (province|city|country|place|region|location|capital)\b|\bto which\b|\bwhere (to|was|did|do|is)\b/.test(q)) return 'place';
  if (/^\s*(who|whom)\b|\b(which|what) (official|person|minister|leader|politician|people|individual)\b/.test(q)) return 'person';
  return undefined;
}
