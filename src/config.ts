import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

const booleanish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  CORPUS_DIR: z.string().default('corpus'),
  PROMPTS_DIR: z.string().default('prompts'),
  CACHE_DIR: z.string().default('.cache'),
  DATA_DIR: z.string().default('data'),
  EMBEDDER: z.enum(['local', 'openai', 'none']).default('local'),
  MAX_QUESTION_CHARS: z.coerce.number().int().positive().default(2000),
  MAX_HISTORY_TURNS: z.coerce.number().int().nonnegative().default(20),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(64 * 1024),
  MAX_CHAT_BODY_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20000),
  LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().positive().default(10000),
  WIDGET_ORIGINS: z.string().default('*'),
  FEEDBACK_DB: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  SLACK_COMMAND_IN_CHANNEL: booleanish.default(false),
  SLACK_INTERACTIVITY: booleanish.default(false),
  WEBHOOK_TOKENS: z.string().default(''),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  REDIS_KEY_PREFIX: z.string().default('gcb:'),
  RATE_LIMIT_MAX: z.coerce.number().int().nonnegative().default(600),
  RATE_LIMIT_EXEMPT_LOOPBACK: booleanish.default(true),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
  TRUST_PROXY: booleanish.default(false),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .refine((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean).every(isAddressOrRange), {
      error: 'must be a comma-separated list of IP addresses or CIDR ranges, e.g. 10.0.0.0/8,127.0.0.1',
    }),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  SHUTDOWN_DELAY_MS: z.coerce.number().int().nonnegative().default(0),
});

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  port: number;
  host: string;
  corpusDir: string;
  promptsDir: string;
  cacheDir: string;
  embedder: 'local' | 'openai' | 'none';
  limits: { maxQuestionChars: number; maxHistoryTurns: number; maxBodyBytes: number; maxChatBodyBytes: number };
  /** Present only when a key or a base URL is configured: its absence selects the offline engine. */
  llm:
    | {
        apiKey: string | undefined;
        baseURL: string | undefined;
        model: string;
        embeddingModel: string;
        temperature: number;
        timeoutMs: number;
        firstTokenTimeoutMs: number;
      }
    | undefined;
  widgetOrigins: string[];
  /** SQLite file for feedback and the question log (`FEEDBACK_DB`, default `DATA_DIR/feedback.sqlite`); unused with Redis. */
  feedbackDbPath: string;
  logLevel: Environment['LOG_LEVEL'];
  /** Each Slack surface is on only when its secrets are set: events need both, the slash command the signing secret. */
  slack: { signingSecret: string | undefined; botToken: string | undefined; apiUrl: string; commandInChannel: boolean; interactivity: boolean };
  /** Tokens accepted from Slack-compatible outgoing webhooks (Mattermost, Rocket.Chat); none means the webhook is off. */
  webhook: { tokens: string[] };
  /** Absent: state lives in this process. Present: every instance shares it in Redis. */
  redis: { url: string; keyPrefix: string } | undefined;
  /** Question requests per client per window; `max: 0` turns the limit off. */
  /** `exemptLoopback`: the machine itself (the CLI, a local grader or monitor) is never limited. */
  rateLimit: { max: number; windowMs: number; exemptLoopback: boolean };
  /**
   * Whose `X-Forwarded-For` to believe. `trustAll`: the direct peer is always a proxy (the app is only
   * reachable through it); `trusted`: addresses or CIDR ranges of the proxies. Neither: the socket address.
   */
  proxy: { trustAll: boolean; trusted: string[] };
  /** How long SIGTERM waits for in-flight requests before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** How long SIGTERM keeps accepting (while /readyz fails) so a load balancer can stop routing first. */
  shutdownDelayMs: number;
}

export class ConfigError extends Error {}

/** Parses the environment once. Throws a ConfigError naming each bad variable and what it accepts. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  const llmEnabled = Boolean(env.OPENAI_API_KEY || env.OPENAI_BASE_URL);
  if (env.EMBEDDER === 'openai' && !llmEnabled) {
    throw new ConfigError('EMBEDDER=openai needs OPENAI_API_KEY or OPENAI_BASE_URL; use EMBEDDER=local to stay offline.');
  }
  return {
    port: env.PORT,
    host: env.HOST,
    corpusDir: env.CORPUS_DIR,
    promptsDir: env.PROMPTS_DIR,
    cacheDir: env.CACHE_DIR,
    embedder: env.EMBEDDER,
    limits: {
      maxQuestionChars: env.MAX_QUESTION_CHARS,
      maxHistoryTurns: env.MAX_HISTORY_TURNS,
      maxBodyBytes: env.MAX_BODY_BYTES,
      maxChatBodyBytes: env.MAX_CHAT_BODY_BYTES,
    },
    llm: llmEnabled
      ? {
          apiKey: env.OPENAI_API_KEY,
          baseURL: env.OPENAI_BASE_URL,
          model: env.OPENAI_MODEL,
          embeddingModel: env.OPENAI_EMBEDDING_MODEL,
          temperature: env.LLM_TEMPERATURE,
          timeoutMs: env.LLM_TIMEOUT_MS,
          firstTokenTimeoutMs: env.LLM_FIRST_TOKEN_TIMEOUT_MS,
        }
      : undefined,
    widgetOrigins: env.WIDGET_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    feedbackDbPath: env.FEEDBACK_DB ?? join(env.DATA_DIR, 'feedback.sqlite'),
    logLevel: env.LOG_LEVEL,
    slack: {
      signingSecret: env.SLACK_SIGNING_SECRET,
      botToken: env.SLACK_BOT_TOKEN,
      apiUrl: env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`,
      commandInChannel: env.SLACK_COMMAND_IN_CHANNEL,
      // Feedback buttons only work once the app's Interactivity Request URL points here.
      interactivity: env.SLACK_INTERACTIVITY,
    },
    webhook: { tokens: env.WEBHOOK_TOKENS.split(',').map((token) => token.trim()).filter(Boolean) },
    redis: env.REDIS_URL ? { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX } : undefined,
    rateLimit: { max: env.RATE_LIMIT_MAX, windowMs: env.RATE_LIMIT_WINDOW_MS, exemptLoopback: env.RATE_LIMIT_EXEMPT_LOOPBACK },
    proxy: { trustAll: env.TRUST_PROXY, trusted: env.TRUSTED_PROXIES.split(',').map((entry) => entry.trim()).filter(Boolean) },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    shutdownDelayMs: env.SHUTDOWN_DELAY_MS,
  };
}
