/** Every error a caller may see, with its HTTP status. Only the app's error handler turns these into responses. */
export const errorTable = {
  invalid_json: { status: 400 },
  invalid_request: { status: 400 },
  question_missing: { status: 400 },
  question_too_long: { status: 400 },
  history_invalid: { status: 400 },
  not_found: { status: 404 },
  method_not_allowed: { status: 405 },
  payload_too_large: { status: 413 },
  unsupported_media_type: { status: 415 },
  rate_limited: { status: 429 },
  unauthorized: { status: 401 },
  forbidden: { status: 403 },
  not_ready: { status: 503 },
  internal: { status: 500 },
} as const;

export type ErrorCode = keyof typeof errorTable;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorTable[code].status;
    this.field = options.field;
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}
