/**
 * `npm run bench [-- --quick] [-- --only=retrieval,engine,scale,http,memory,cold,chat,llm] [-- --profile]`
 * Prints a table and writes bench-results/bench-<time>.json (and latest.json / latest-quick.json).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { loadCorpus } from '../src/corpus/load-corpus.ts';
import { createLogger } from '../src/logger.ts';
import { createLocalEmbedder } from '../src/search/local-embedder.ts';
import { createSearchIndex } from '../src/search/search-index.ts';
import { createServices } from '../src/services.ts';
import { benchChat, benchGenerativeOverhead } from './chat-bench.ts';
import { benchColdStart } from './cold-start-bench.ts';
import { benchEngine, benchHeap } from './engine-bench.ts';
import { benchHttp, benchMemory } from './http-bench.ts';
import { buildQuestionSet } from './question-set.ts';
import { printReport } from './report.ts';
import { benchRetrieval, type RetrievalResult } from './retrieval-bench.ts';
import { projectRoot, startServer } from './server-process.ts';
import { buildSyntheticCorpus, createSyntheticVectorEmbedder } from './synthetic-corpus.ts';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const profile = argv.includes('--profile');
const only = argv.find((argument) => argument.startsWith('--only='))?.slice('--only='.length).split(',');
const wants = (section: string) => !only || only.includes(section);
const log = (message: string) => process.stderr.write(`[bench] ${((performance.now() - bootTime) / 1000).toFixed(1)}s ${message}\n`);
const bootTime = performance.now();

const sizes = quick
  ? { retrievalQuestions: 60, engineQuestions: 60, heapQuestions: 100, scaleDocuments: [500], scaleQuestions: 20, durationSeconds: 2, distinct: 150, memoryQuestions: 200, coldRuns: 1, chatQuestions: 8 }
  : { retrievalQuestions: 400, engineQuestions: 400, heapQuestions: 2000, scaleDocuments: [1000, 10000], scaleQuestions: 200, durationSeconds: 10, distinct: 1500, memoryQuestions: 10000, coldRuns: 3, chatQuestions: 100 };
const connections = 10;

const corpus = await loadCorpus(join(projectRoot, 'corpus'));
// One pool of distinct questions, cut into disjoint slices so no section sees another's questions.
const pool = buildQuestionSet({
  corpus,
  count: sizes.retrievalQuestions + 20 + sizes.engineQuestions + sizes.heapQuestions + sizes.distinct + sizes.memoryQuestions + sizes.chatQuestions * 2,
});
let taken = 0;
const take = (count: number) => pool.slice(taken, (taken += count));
const retrievalQuestions = take(sizes.retrievalQuestions);
const repeatedQuestions = take(20);

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
  commit: (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })(),
  corpus: { documents: corpus.documents.length, chunks: corpus.chunks.length },
  loadAverage: { start: loadavg().map((value) => Math.round(value * 100) / 100), end: [] as number[] },
};
const started = performance.now();

if (wants('retrieval') || wants('scale')) {
  // Uncached embedder: these figures are the cost of retrieval itself.
  const embedder = await createLocalEmbedder();
  if (wants('retrieval')) {
    log('retrieval on the real corpus');
    let clock = performance.now();
    const bm25Index = await createSearchIndex({ corpus });
    const bm25BuildMs = performance.now() - clock;
    clock = performance.now();
    const hybridIndex = await createSearchIndex({ corpus, embedder });
    const hybridBuildMs = performance.now() - clock;
    results.retrieval = {
      bm25: await benchRetrieval({ label: 'corpus, BM25 index', index: bm25Index, questions: retrievalQuestions, buildMs: bm25BuildMs }),
      hybrid: await benchRetrieval({ label: 'corpus, hybrid index', index: hybridIndex, questions: retrievalQuestions, buildMs: hybridBuildMs }),
    };
  }
  if (wants('scale')) {
    const scale: RetrievalResult[] = [];
    for (const documents of sizes.scaleDocuments) {
      log(`scale: ${documents} synthetic documents`);
      const synthetic = buildSyntheticCorpus({ documents, seedCorpus: corpus });
      let clock = performance.now();
      const bm25Index = await createSearchIndex({ corpus: synthetic });
      const bm25BuildMs = performance.now() - clock;
      const questions = retrievalQuestions.slice(0, sizes.scaleQuestions);
      scale.push(await benchRetrieval({ label: `${documents} docs, BM25 index`, index: bm25Index, questions, buildMs: bm25BuildMs }));
      clock = performance.now();
      const hybridIndex = await createSearchIndex({ corpus: synthetic, embedder: createSyntheticVectorEmbedder({ corpus: synthetic, queryEmbedder: embedder }) });
      const hybridBuildMs = performance.now() - clock;
      scale.push(await benchRetrieval({ label: `${documents} docs, hybrid index`, index: hybridIndex, questions, buildMs: hybridBuildMs }));
    }
    results.scale = scale;
  }
}

if (wants('engine')) {
  log('offline engine, in process');
  const config = loadConfig({ CORPUS_DIR: join(projectRoot, 'corpus'), CACHE_DIR: join(projectRoot, '.cache'), DATA_DIR: join(projectRoot, '.cache', 'bench-data'), LOG_LEVEL: 'silent' });
  const services = await createServices(config, createLogger('silent'));
  results.engine = await benchEngine(services.engine, take(sizes.engineQuestions), repeatedQuestions);
  results.heap = await benchHeap(services.engine, take(sizes.heapQuestions));
}

if (wants('http') || wants('memory') || wants('chat')) {
  log('real server: /healthz reference, /api/ask distinct and repeated, /api/chat, memory');
  const profileDirectory = join(projectRoot, 'bench-results', 'profiles');
  const server = await startServer({
    environment: { CACHE_DIR: join(projectRoot, '.cache'), DATA_DIR: join(projectRoot, '.cache', 'bench-data') },
    nodeFlags: profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : [],
  });
  try {
    if (wants('http')) {
      results.http = await benchHttp({ server, connections, distinctQuestions: take(sizes.distinct), repeatedQuestions, durationSeconds: sizes.durationSeconds });
    }
    if (wants('chat')) results.chat = await benchChat({ url: server.url, questions: take(sizes.chatQuestions) });
    if (wants('memory')) {
      log(`memory: ${sizes.memoryQuestions} distinct questions`);
      results.memory = await benchMemory({ server, connections, questions: take(sizes.memoryQuestions) });
    }
  } finally {
    await server.stop();
  }
  if (profile) log(`CPU profile written to ${profileDirectory}`);
}

if (wants('llm')) {
  log('generative path overhead against a loopback model server');
  results.generative = await benchGenerativeOverhead({
    questions: take(sizes.chatQuestions),
    nodeFlags: profile ? ['--cpu-prof', `--cpu-prof-dir=${join(projectRoot, 'bench-results', 'profiles-generative')}`] : [],
  });
}

if (wants('cold')) {
  log('cold start');
  results.coldStart = await benchColdStart(sizes.coldRuns);
}

(results.loadAverage as { end: number[] }).end = loadavg().map((value) => Math.round(value * 100) / 100);
results.totalSeconds = Math.round((performance.now() - started) / 100) / 10;
const directory = join(projectRoot, 'bench-results');
await mkdir(directory, { recursive: true });
const file = join(directory, `bench-${(results.date as string).replace(/[:.]/g, '-')}.json`);
const json = `${JSON.stringify(results, null, 2)}\n`;
await writeFile(file, json);
await writeFile(join(directory, quick ? 'latest-quick.json' : 'latest.json'), json);
process.stdout.write(printReport(results));
log(`results written to ${file}`);
process.exit(0);
