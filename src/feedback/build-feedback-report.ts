import { questionKey, type FeedbackReport, type FeedbackStore, type QuestionCount, type QuestionRecord } from './feedback-store.ts';

function countQuestions(records: QuestionRecord[], limit: number): QuestionCount[] {
  const counts = new Map<string, QuestionCount>();
  for (const record of records) {
    const key = questionKey(record.question);
    const existing = counts.get(key);
    if (existing) {
      existing.count += 1;
      if (record.createdAt >= existing.lastAskedAt) existing.lastAskedAt = record.createdAt;
    } else {
      counts.set(key, { question: record.question.trim(), count: 1, lastAskedAt: record.createdAt });
    }
  }
  return [...counts.values()]
    .sort((left, right) => right.count - left.count || right.lastAskedAt.localeCompare(left.lastAskedAt))
    .slice(0, limit);
}

/** The owner's view of the gaps: most asked questions, questions the text could not answer, thumbs-down answers. */
export async function buildFeedbackReport(store: FeedbackStore, options: { limit?: number } = {}): Promise<FeedbackReport> {
  const limit = options.limit ?? 20;
  const [questions, feedback] = await Promise.all([store.listQuestions(), store.listFeedback()]);
  return {
    totalQuestions: questions.length,
    mostAsked: countQuestions(questions, limit),
    unanswered: countQuestions(
      questions.filter((record) => record.outcome === 'not_found'),
      limit,
    ),
    thumbsDown: feedback
      .filter((record) => record.verdict === 'down')
      .reverse()
      .slice(0, limit),
    thumbsUpCount: feedback.filter((record) => record.verdict === 'up').length,
  };
}
