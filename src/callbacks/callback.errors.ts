import { AppError, ErrorCode } from 'src/common/app-error';

/** What the processor knows about a failed call; never carries the URL (it holds the signature). */
export interface CallbackFailureContext {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

function failureMessage(prefix: string, ctx: CallbackFailureContext): string {
  const what = ctx.error ?? (ctx.statusCode === null ? 'no answer' : `HTTP ${ctx.statusCode}`);
  return `${prefix}: ${what}`;
}

/** A failed call worth retrying (5xx, timeout, network error, a 2xx whose body is not `OK`). */
export class CallbackFailedError extends AppError {
  constructor(ctx: CallbackFailureContext, context: Record<string, unknown> = {}) {
    super(ErrorCode.CallbackFailed, failureMessage('callback failed', ctx), {
      statusCode: ctx.statusCode,
      latencyMs: ctx.latencyMs,
      ...context,
    });
  }
}

/**
 * A failed call that retrying cannot fix (4xx other than 408/429, an unusable URL). The processor
 * calls `job.discard()` and then fails the job with this (STYLE D6).
 */
export class PermanentCallbackError extends AppError {
  constructor(ctx: CallbackFailureContext, context: Record<string, unknown> = {}) {
    super(ErrorCode.CallbackPermanentFailure, failureMessage('callback failed permanently', ctx), {
      statusCode: ctx.statusCode,
      latencyMs: ctx.latencyMs,
      ...context,
    });
  }
}

/** The callback URL is not one the gateway may call (scheme, credentials, private address). */
export class CallbackUrlRejectedError extends AppError {
  constructor(
    readonly reason: string,
    context: Record<string, unknown> = {},
  ) {
    super(ErrorCode.CallbackUrlRejected, `callback URL rejected: ${reason}`, context);
  }
}

/** The error the processor should throw for an outcome; null when the call succeeded. */
export function callbackErrorFor(
  outcome: CallbackFailureContext & { ok: boolean; permanent: boolean },
): AppError | null {
  if (outcome.ok) {
    return null;
  }
  return outcome.permanent ? new PermanentCallbackError(outcome) : new CallbackFailedError(outcome);
}
