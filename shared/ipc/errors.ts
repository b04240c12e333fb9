/**
 * Error codes shared by every door (Electron IPC, browser host, CLI).
 * Every error carries one of these codes and a Chinese message that tells the user what to do next.
 */
export const ERROR_CODES = [
  'INVALID_INPUT', // the request does not match the channel's input schema
  'UNKNOWN_CHANNEL',
  'UNAUTHENTICATED', // no valid session / token
  'FORBIDDEN', // the role may not use this channel or this record
  'NOT_FOUND',
  'CONFLICT', // e.g. a duplicate, a stale edit
  'LOCKED', // finalized round, published standard version in use
  'ILLEGAL_STATE', // workflow transition not allowed
  'VALIDATION_FAILED', // business validation, with details
  'INVALID_FILE', // an unusable file: corrupt, wrong type, empty, too large
  'DB_NEWER_VERSION', // database written by a newer version of the app
  'DB_INVALID', // not our database / integrity check failed
  'DB_BUSY', // another program holds the database's write lock; try again later
  'CANCELLED',
  'UNSUPPORTED', // not available through this door (e.g. file dialogs in the browser host)
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** An expected failure with a code and a user-facing Chinese message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** The result envelope every door returns. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
