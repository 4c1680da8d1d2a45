/**
 * Shared state behind one small interface: in memory by default, Redis when `REDIS_URL` is set,
 * so several instances behind a load balancer behave as one. Keys are plain strings; callers
 * namespace them (`slack:event:…`, `ratelimit:…`).
 */
export interface Store {
  /** Stores `value` only if `key` is absent; true when this call stored it (first delivery wins). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Counts a hit in a fixed window that starts with the first hit; returns the count and ms until it resets. */
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** Appends to a list, keeping only the newest `maxLength` items, and renews its time to live. */
  append(key: string, value: string, options: { maxLength: number; ttlMs: number }): Promise<void>;
  /** The list, oldest first. */
  list(key: string): Promise<string[]>;
  /** Whether the backing service answers (for readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
