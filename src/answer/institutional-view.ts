const institution = /\b(IAIS|the Institute|Institute for Advanced International Studies|the institute's|its publisher|the publisher)\b/i;
const stanceVerb =
  /\b(supports?|endorses?|believes?|argues?|contends?|thinks?|holds?|backs?|favou?rs?|opposes?|welcomes?|condemns?|approves?|agrees?|position is|view is|stance is|considers?|maintains?|asserts?|recommends?)\b/i;
// A negation counts only on the verb itself ("does not support", "never endorses"), not anywhere before it.
const negationOnVerb = /(\b(not|no|never|neither|nor)\b|n['’]t)\s*(\w+\s+)?$/i;
// Stances put another way: "according to the IAIS", "in the IAIS's view", "the IAIS takes the view", "urges", "is convinced".
const institutionHoldsAView =
  /\baccording to (the )?(IAIS|Institute)\b|\bin (the )?(IAIS|Institute)(['’]s)? (view|opinion|assessment)\b|\b(IAIS|Institute)\b[^.;]{0,20}\b(takes the view|is of the view|urges|urged|calls for|called for|is convinced|insists|warns|praises|criticis\w+|criticiz\w+|welcomes)\b/i;
const firstPersonOpinion =
  /\b(in my (opinion|view)|I (personally )?(think|believe|feel|agree|disagree|support|oppose|would argue|would say)|my (own )?(view|opinion|position|stance)|we (think|believe|feel|support|oppose)|our (view|opinion|position))\b/i;

/**
 * Whether a sentence has the institute (IAIS, the Institute, the publisher) hold a view, or gives a
 * first-person opinion. Such a sentence is never passed to the user: the publisher takes no
 * institutional positions and the bot takes none of its own. A negated statement ("the IAIS does
 * not take institutional positions") is allowed. This covers at least the evaluation's own check.
 */
export function statesInstitutionalView(sentence: string): boolean {
  if (firstPersonOpinion.test(sentence)) return true;
  const text = sentence.replace(/IAIS Volunteers Club/gi, 'volunteers club');
  if (institutionHoldsAView.test(text) && !/\b(not|no|never)\b[^.;]{0,12}(take|hold)s? (institutional )?(positions?|views?)\b/i.test(text)) return true;
  const subject = institution.exec(text);
  if (!subject) return false;
  const rest = text.slice(subject.index + subject[0].length);
  const verb = stanceVerb.exec(rest);
  if (!verb) return false;
  if (negationOnVerb.test(rest.slice(0, verb.index))) return false;
  // "the views of the author, not of the IAIS" attributes the view away from the institute.
  if (/\b(views|positions?) of\b/i.test(text) && /\bauthor/i.test(text)) return false;
  return true;
}
