import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server-process.ts';
import { round } from './statistics.ts';

export interface ColdStartResult {
  runs: number;
  /** Process start to first 200 from /api/ask with an empty CACHE_DIR (the index is built and embedded). */
  emptyCacheMs: number[];
  /** The same with the index persisted by the previous start. */
  persistedIndexMs: number[];
  /** Resident memory right after the first answer, persisted-index start, MiB. */
  residentAfterStartMiB: number;
}

/** Starts the real server repeatedly, each time from a fresh cache directory and then from a warm one. */
export async function benchColdStart(runs: number): Promise<ColdStartResult> {
  const result: ColdStartResult = { runs, emptyCacheMs: [], persistedIndexMs: [], residentAfterStartMiB: 0 };
  for (let run = 0; run < runs; run++) {
    const cacheDirectory = await mkdtemp(join(tmpdir(), 'bench-cache-'));
    try {
      const environment = { CACHE_DIR: cacheDirectory, DATA_DIR: join(cacheDirectory, 'data'), LOG_LEVEL: 'warn' };
      const empty = await startServer({ environment });
      result.emptyCacheMs.push(round(empty.readyMs, 0));
      await empty.stop();
      const warm = await startServer({ environment });
      result.persistedIndexMs.push(round(warm.readyMs, 0));
      result.residentAfterStartMiB = await warm.residentMiB();
      await warm.stop();
    } finally {
      await rm(cacheDirectory, { recursive: true, force: true });
    }
  }
  return result;
}
