import type { ChatResult, GenerativeResult } from './chat-bench.ts';
import type { ColdStartResult } from './cold-start-bench.ts';
import type { EngineResult, HeapResult } from './engine-bench.ts';
import type { HttpResult, MemoryResult } from './http-bench.ts';
import type { RetrievalResult } from './retrieval-bench.ts';
import { median, round } from './statistics.ts';
import type { Summary } from './statistics.ts';

export interface GoalCheck {
  goal: string;
  measured: string;
  pass: boolean | undefined;
}

type Results = Record<string, unknown> & {
  retrieval?: { bm25: RetrievalResult; hybrid: RetrievalResult };
  scale?: RetrievalResult[];
  engine?: EngineResult;
  heap?: HeapResult;
  http?: HttpResult;
  memory?: MemoryResult;
  chat?: ChatResult | { skipped: string };
  generative?: GenerativeResult | { skipped: string };
  coldStart?: ColdStartResult;
};

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '–' : `${value} ms`);
const pair = (summary: Summary | undefined) => (summary ? `${summary.p50} / ${summary.p99}` : '–');

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Each goal of issue 7 against what this run measured; `pass` is undefined when not measured. */
export function checkGoals(results: Results): GoalCheck[] {
  const http = results.http;
  const chat = results.chat && 'firstByte' in results.chat ? results.chat : undefined;
  const generative = results.generative && 'overhead' in results.generative ? results.generative : undefined;
  const cold = results.coldStart;
  const memory = results.memory;
  const persisted = cold ? median(cold.persistedIndexMs) : undefined;
  return [
    { goal: 'distinct /api/ask p50 < 25 ms at 10 concurrent', measured: ms(http?.distinct.latency.p50), pass: http ? http.distinct.latency.p50 < 25 : undefined },
    { goal: 'distinct /api/ask p99 < 100 ms at 10 concurrent', measured: ms(http?.distinct.latency.p99), pass: http ? http.distinct.latency.p99 < 100 : undefined },
    { goal: '≥ 100 distinct questions/s', measured: http ? `${http.distinct.requestsPerSecond}/s` : '–', pass: http ? http.distinct.requestsPerSecond >= 100 : undefined },
    {
      goal: 'repeated questions near the reference (≥ 0.5× /healthz throughput)',
      measured: http ? `${http.ratios.repeatedThroughputToReference}×` : '–',
      pass: http ? http.ratios.repeatedThroughputToReference >= 0.5 : undefined,
    },
    { goal: 'offline /api/chat first byte < 50 ms (p50)', measured: ms(chat?.firstByte.p50), pass: chat ? chat.firstByte.p50 < 50 : undefined },
    { goal: 'generative path adds < 10 ms to first token (p50, all of it)', measured: ms(generative?.overhead.p50), pass: generative ? generative.overhead.p50 < 10 : undefined },
    {
      goal: '  … of which after the model’s first token (p50)',
      measured: ms(generative?.afterModel.p50),
      pass: generative ? generative.afterModel.p50 < 10 : undefined,
    },
    { goal: 'cold start < 2 s with a persisted index (median)', measured: ms(persisted), pass: persisted === undefined ? undefined : persisted < 2000 },
    {
      goal: 'flat memory: JS heap after GC grows ≤ 2 MiB',
      measured: results.heap ? `${results.heap.growthMiB} MiB over ${results.heap.questions} questions` : '–',
      pass: results.heap ? results.heap.growthMiB <= 2 : undefined,
    },
    {
      goal: 'flat memory: RSS at the end ≤ RSS after the first fifth + 10 MiB',
      measured: memory ? `${round(memory.afterQuestionsMiB - memory.residentSeries[1]!, 1)} MiB (series ${memory.residentSeries.join(', ')})` : '–',
      pass: memory ? memory.afterQuestionsMiB - memory.residentSeries[1]! <= 10 : undefined,
    },
  ];
}

/** The human-readable report: one table per section, then the goals. */
export function printReport(results: Results): string {
  const parts: string[] = [];
  const machine = results.machine as { cpus: number; cpuModel: string; node: string; memoryGiB: number };
  parts.push(`Benchmark ${results.mode} run, ${results.date}, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, commit ${results.commit}`);
  const load = results.loadAverage as { start: number[]; end: number[] } | undefined;
  if (load) parts.push(`Load average (1/5/15 min) at start ${load.start.join(' / ')}, at end ${load.end.join(' / ')}: other work on the machine skews every figure`);

  const retrievalRows = [...(results.retrieval ? [results.retrieval.bm25, results.retrieval.hybrid] : []), ...(results.scale ?? [])].map((result) => [
    result.label,
    String(result.chunks),
    `${result.buildMs} ms`,
    pair(result.fullText),
    pair(result.embedQuery),
    pair(result.hybridSearch),
    pair(result.hybrid),
  ]);
  if (retrievalRows.length > 0) {
    parts.push('Retrieval per query, p50 / p99 ms (varied questions, one at a time)');
    parts.push(table(['index', 'chunks', 'build', 'BM25', 'embed query', 'hybrid search', 'hybrid total'], retrievalRows));
  }
  if (results.engine) {
    const engine = results.engine;
    parts.push(`Offline engine, services.engine.answer, ${engine.questions} distinct questions one at a time: p50 ${engine.answer.p50} ms, p99 ${engine.answer.p99} ms (outcomes ${JSON.stringify(engine.outcomes)})`);
  }
  if (results.heap) {
    const heap = results.heap;
    parts.push(`JS heap after GC (in process, 10 concurrent, caches already full): ${heap.beforeMiB} MiB → ${heap.afterMiB} MiB after ${heap.questions} more distinct questions`);
  }
  if (results.http) {
    const http = results.http;
    const row = (label: string, load: HttpResult['reference']) => [label, String(load.requests), `${load.requestsPerSecond}`, `${load.latency.p50}`, `${load.latency.p99}`, `${load.non2xx + load.errors}`];
    parts.push(`HTTP on loopback, ${http.connections} connections (autocannon; latency from every response)`);
    parts.push(
      table(
        ['route', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx'],
        [row('GET /healthz (reference)', http.reference), row('POST /api/ask distinct', http.distinct), row('POST /api/ask repeated', http.repeated)],
      ),
    );
    parts.push(
      `Ratios to the reference: distinct throughput ${http.ratios.distinctThroughputToReference}×, repeated throughput ${http.ratios.repeatedThroughputToReference}×, repeated p50 ${http.ratios.repeatedP50ToReference}× the reference p50`,
    );
  }
  if (results.memory) {
    const memory = results.memory;
    parts.push(`Memory (RSS): ${memory.afterWarmUpMiB} MiB after warm-up → ${memory.afterQuestionsMiB} MiB after ${memory.questions} more questions (series ${memory.residentSeries.join(', ')}); ${memory.requestsPerSecond} req/s over the run`);
  }
  if (results.chat) {
    const chat = results.chat;
    parts.push('skipped' in chat ? `/api/chat: skipped (${chat.skipped})` : `/api/chat offline, ${chat.questions} questions: first byte ${pair(chat.firstByte)}, first text ${pair(chat.firstText)}, finish frame ${pair(chat.finish)} ms (p50 / p99)`);
  }
  if (results.generative) {
    const generative = results.generative;
    parts.push(
      'skipped' in generative
        ? `Generative path: skipped (${generative.skipped})`
        : `Generative path via /api/chat, stand-in model with a ${generative.delayMs} ms first token, ${generative.questions} questions (${generative.llmAnswers} answered by it): adds ${pair(generative.overhead)} ms (p50 / p99) = before the model call ${pair(generative.beforeModel)} + after its first token ${pair(generative.afterModel)}`,
    );
  }
  if (results.coldStart) {
    const cold = results.coldStart;
    parts.push(`Cold start to first 200 from /api/ask: empty cache ${cold.emptyCacheMs.join(', ')} ms; persisted index ${cold.persistedIndexMs.join(', ')} ms; RSS after start ${cold.residentAfterStartMiB} MiB`);
  }
  parts.push('Goals');
  parts.push(table(['goal', 'measured', 'result'], checkGoals(results).map((check) => [check.goal, check.measured, check.pass === undefined ? 'not measured' : check.pass ? 'PASS' : 'FAIL'])));
  return `${parts.join('\n\n')}\n`;
}
