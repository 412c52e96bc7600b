import { ForgeError, type ErrorContext } from '@forge/errors';

/** A live API answered with an error or a body we cannot use; 429 and 5xx are worth retrying. */
export class UpstreamError extends ForgeError {
  readonly status: number | undefined;

  constructor(context: ErrorContext & { status?: number }) {
    super({ ...context, retryable: context.retryable ?? (context.status === 429 || (context.status ?? 0) >= 500) });
    this.status = context.status;
  }
}
