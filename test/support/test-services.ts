import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createServices } from '../../src/services.ts';
import type { Services } from '../../src/http/app-env.ts';

export const projectRoot = join(import.meta.dirname, '..', '..');

/** A config for tests: the real corpus and embedder, the shared index cache, no model key, silent logs. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    CORPUS_DIR: join(projectRoot, 'corpus'),
    PROMPTS_DIR: join(projectRoot, 'prompts'),
    CACHE_DIR: join(projectRoot, '.cache'),
    DATA_DIR: join(projectRoot, '.cache', 'test-data'),
    LOG_LEVEL: 'silent',
    // Tests reach their servers over loopback and still want the rate limit as a remote client sees it.
    RATE_LIMIT_EXEMPT_LOOPBACK: 'false',
    ...overrides,
  });
}

/** The real services (corpus, Orama index, offline engine) as `npm start` builds them. */
export async function createTestServices(overrides: Record<string, string> = {}): Promise<Services> {
  const config = testConfig(overrides);
  return createServices(config, createLogger('silent'));
}
