import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { gradeCase, parseEvalCases, type EvalCase } from '../evaluation/grade-case.ts';
import { createLogger } from '../logger.ts';
import { createServices } from '../services.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'boolean', default: false }, verbose: { type: 'boolean', short: 'v', default: false } },
});
const files = positionals.length > 0 ? positionals : [resolve(import.meta.dirname, '../../../shared/eval/dev.jsonl')];

const config = loadConfig();
const services = await createServices(config, createLogger('warn'));
const sourceText = (docId: string) => services.index.corpus.documents.find((document) => document.id === docId)?.text;

interface Row {
  file: string;
  evalCase: EvalCase;
  failures: string[];
  answer: string;
  engine: string;
  ms: number;
}

const rows: Row[] = [];
for (const file of files) {
  const cases = parseEvalCases(await readFile(file, 'utf8'));
  for (const evalCase of cases) {
    const started = performance.now();
    const answer = await services.engine.answer({ question: evalCase.question, history: evalCase.history ?? [] });
    const ms = performance.now() - started;
    rows.push({ file, evalCase, failures: gradeCase(evalCase, answer, sourceText), answer: answer.answer, engine: answer.engine, ms });
  }
}

const categories = ['answer', 'not_found', 'no_position', 'opinion'] as const;
const summary = Object.fromEntries(
  categories.map((category) => {
    const inCategory = rows.filter((row) => row.evalCase.expect === category);
    const passed = inCategory.filter((row) => row.failures.length === 0).length;
    return [category, { passed, total: inCategory.length, percent: inCategory.length ? Math.round((100 * passed) / inCategory.length) : 100 }];
  }),
);
const sorted = rows.map((row) => row.ms).sort((a, b) => a - b);
const totals = {
  cases: rows.length,
  passed: rows.filter((row) => row.failures.length === 0).length,
  citationErrors: rows.flatMap((row) => row.failures).filter((failure) => /offsets wrong|no source/.test(failure)).length,
  medianMs: Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 10) / 10,
};

if (values.json) {
  console.log(JSON.stringify({ summary, totals, rows }, null, 1));
} else {
  for (const row of rows) {
    if (row.failures.length === 0 && !values.verbose) continue;
    const mark = row.failures.length === 0 ? 'PASS' : 'FAIL';
    console.log(`${mark} ${row.evalCase.id} [${row.evalCase.expect}] ${row.evalCase.question}`);
    if (row.failures.length) console.log(`     ${row.failures.join('; ')}`);
    console.log(`     answer: ${row.answer.slice(0, 240)}`);
  }
  console.log('');
  for (const category of categories) {
    const { passed, total, percent } = summary[category]!;
    console.log(`${category.padEnd(12)} ${String(passed).padStart(3)}/${String(total).padEnd(3)} ${percent}%`);
  }
  console.log(`overall      ${totals.passed}/${totals.cases}   citation errors: ${totals.citationErrors}   median ${totals.medianMs} ms`);
}
process.exitCode = totals.passed === totals.cases ? 0 : 1;
