import type { Logger } from '../logger.ts';

/**
 * Work that continues after a response is sent (Slack wants an acknowledgement within three seconds,
 * the answer comes later). Every task is tracked so tests can wait for it and shutdown can drain it.
 */
export interface BackgroundTasks {
  /** Starts `task` now; its failure is logged, never thrown. */
  run(name: string, task: () => Promise<void>): void;
  /** Resolves once no task is running, including tasks started while waiting. */
  idle(): Promise<void>;
  /** Waits for running tasks up to `timeoutMs`; true when all finished in time. */
  drain(timeoutMs: number): Promise<boolean>;
  readonly size: number;
}

export function createBackgroundTasks(options: { logger: Logger }): BackgroundTasks {
  const running = new Set<Promise<void>>();

  async function idle() {
    while (running.size > 0) await Promise.allSettled([...running]);
  }

  return {
    run(name, task) {
      const promise = (async () => {
        try {
          await task();
        } catch (error) {
          options.logger.error('background task failed', { task: name, error });
        }
      })();
      running.add(promise);
      void promise.finally(() => running.delete(promise));
    },
    idle,
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
        timer.unref();
      });
      const finished = await Promise.race([idle().then(() => true as const), timedOut]);
      clearTimeout(timer);
      return finished;
    },
    get size() {
      return running.size;
    },
  };
}
