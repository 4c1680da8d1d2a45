import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createServices } from '../services.ts';
import type { Answer } from '../answer/types.ts';

const usage = 'usage: npm run ask -- [--json] "your question"';

/** Renders an answer for a terminal: the text, then each numbered quote with its place in the source. */
export function formatAnswer(answer: Answer): string {
  const lines = [answer.answer, ''];
  for (const citation of answer.citations) {
    lines.push(`[${citation.n}] “${citation.quote}”`, `    ${citation.docId} ${citation.start}–${citation.end}`);
  }
  lines.push('', answer.disclaimer);
  return lines.join('\n');
}

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  const question = positionals.join(' ').trim();
  if (!question) {
    process.stderr.write(`${usage}\n`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const services = await createServices(config, createLogger('warn'));
  const answer = await services.engine.answer({ question, history: [] });
  process.stdout.write(`${values.json ? JSON.stringify(answer, null, 2) : formatAnswer(answer)}\n`);
}

if (import.meta.main) {
  await main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
