import type { AssistantMessage, Verdict } from './chat-message.ts';
import { element, icon, icons } from './dom.ts';

/** Posts one verdict (with an optional comment) to `{endpoint}/api/feedback`. */
export async function sendFeedback(endpoint: string, message: AssistantMessage, verdict: Verdict, comment: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'omit',
      body: JSON.stringify({
        question: message.question,
        answer: message.text,
        citations: message.citations,
        verdict,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(message.outcome ? { outcome: message.outcome } : {}),
      }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Thumbs up / down buttons. Choosing one opens a short form with an optional comment; sending it
 * records the verdict on the message (so it survives a reload) and posts it to the server.
 */
export function feedbackControls(options: { endpoint: string; message: AssistantMessage; onRecorded: () => void; announce: (text: string) => void }) {
  const { message } = options;
  const status = element('p', { class: 'feedback-status', role: 'status' });
  const formSlot = element('div', { class: 'feedback-slot' });
  const thumbs = (['up', 'down'] as const).map((verdict) => {
    const button = element(
      'button',
      { type: 'button', class: 'icon-button small', 'aria-pressed': String(message.verdict === verdict), 'aria-label': verdict === 'up' ? 'Helpful answer' : 'Unhelpful answer', title: verdict === 'up' ? 'Helpful' : 'Not helpful' },
      [icon(verdict === 'up' ? icons.up : icons.down)],
    );
    button.addEventListener('click', () => openForm(verdict));
    return button;
  });
  if (message.verdict) status.textContent = 'Thanks for your feedback.';

  function openForm(verdict: Verdict) {
    const fieldId = `comment-${message.id}`;
    const comment = element('textarea', { id: fieldId, rows: '2', maxlength: '2000' });
    const submit = element('button', { type: 'submit', class: 'primary-button' }, ['Send feedback']);
    const cancel = element('button', { type: 'button', class: 'text-button' }, ['Cancel']);
    const form = element('form', { class: 'feedback-form' }, [
      element('label', { for: fieldId }, [verdict === 'up' ? 'What helped? (optional)' : 'What was wrong or missing? (optional)']),
      comment,
      element('div', { class: 'form-actions' }, [submit, cancel]),
    ]);
    cancel.addEventListener('click', () => {
      formSlot.replaceChildren();
      thumbs[verdict === 'up' ? 0 : 1]!.focus();
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      const sent = await sendFeedback(options.endpoint, message, verdict, comment.value);
      submit.disabled = false;
      if (!sent) {
        status.textContent = 'Your feedback could not be sent. Please try again.';
        return;
      }
      message.verdict = verdict;
      for (const [index, button] of thumbs.entries()) button.setAttribute('aria-pressed', String((index === 0 ? 'up' : 'down') === verdict));
      formSlot.replaceChildren();
      status.textContent = 'Thanks for your feedback.';
      options.announce('Feedback sent.');
      options.onRecorded();
      thumbs[verdict === 'up' ? 0 : 1]!.focus();
    });
    formSlot.replaceChildren(form);
    comment.focus();
  }

  return { thumbs, formSlot, status };
}
