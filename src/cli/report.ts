import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { buildFeedbackReport } from '../feedback/build-feedback-report.ts';
import { createFeedbackStore } from '../feedback/create-feedback-store.ts';
import type { FeedbackReport, QuestionCount } from '../feedback/feedback-store.ts';
import { createLogger } from '../logger.ts';
import { createStore } from '../store/create-store.ts';

const usage = 'usage: npm run report -- [--limit 20] [--json]';

function questionLines(counts: QuestionCount[]): string[] {
  if (counts.length === 0) return ['  (none yet)'];
  return counts.map((entry) => `  ${String(entry.count).padStart(4)} × ${entry.question}   (last ${entry.lastAskedAt.slice(0, 10)})`);
}

/** Renders the report for a terminal: what people ask, what the text could not answer, which answers they disliked. */
export function formatReport(report: FeedbackReport): string {
  const lines = [`Questions asked: ${report.totalQuestions}    Thumbs up: ${report.thumbsUpCount}    Thumbs down: ${report.thumbsDown.length}`, ''];
  lines.push('Most asked questions', ...questionLines(report.mostAsked), '');
  lines.push('Unanswered questions (not in the text)', ...questionLines(report.unanswered), '');
  lines.push('Thumbs-down answers');
  if (report.thumbsDown.length === 0) lines.push('  (none yet)');
  for (const entry of report.thumbsDown) {
    const answer = entry.answer.length > 240 ? `${entry.answer.slice(0, 239)}…` : entry.answer;
    lines.push(`  ${entry.createdAt.slice(0, 16).replace('T', ' ')}  Q: ${entry.question}`, `      A: ${answer.replace(/\s+/g, ' ')}`);
    if (entry.comment) lines.push(`      Comment: ${entry.comment}`);
  }
  return lines.join('\n');
}

async function main() {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, limit: { type: 'string', default: '20' } } });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit <= 0) {
    process.stderr.write(`--limit must be a positive whole number\n${usage}\n`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const logger = createLogger('warn');
  const store = await createStore({ redisUrl: config.redis?.url, keyPrefix: config.redis?.keyPrefix, logger });
  const feedback = createFeedbackStore({ config, store });
  try {
    const report = await buildFeedbackReport(feedback, { limit });
    process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatReport(report)}\n`);
  } finally {
    await feedback.close();
    await store.close();
  }
}

if (import.meta.main) {
  await main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n${usage}\n`);
    process.exitCode = 1;
  });
}
