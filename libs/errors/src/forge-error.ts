/** Where a problem sits, what was expected and what arrived; the message is built from these fields. */
export interface ErrorContext {
  file?: string;
  entryId?: string;
  field?: string;
  line?: number;
  column?: number;
  expected?: string;
  received?: unknown;
  hint?: string;
  /** A free-form statement used when expected/received do not fit the problem. */
  problem?: string;
  cause?: unknown;
  retryable?: boolean;
}

const MAX_RECEIVED = 80;

/** Renders a received value short enough for one line of a message. */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_RECEIVED ? `${text.slice(0, MAX_RECEIVED - 1)}…` : text;
}

/** "file, entry M07, field complexity" — the where-part shared by every message. */
export function formatLocation(context: ErrorContext): string {
  const parts: string[] = [];
  if (context.file) parts.push(context.file);
  if (context.line !== undefined) parts.push(`line ${context.line}${context.column !== undefined ? `:${context.column}` : ''}`);
  if (context.entryId) parts.push(`entry ${context.entryId}`);
  if (context.field) parts.push(`field ${context.field}`);
  return parts.join(', ');
}

/** Formats one problem as a single readable sentence. */
export function formatProblem(context: ErrorContext): string {
  const location = formatLocation(context);
  let body = context.problem ?? '';
  if (context.expected !== undefined) {
    const expectation = `expected ${context.expected}, got ${describeReceived(context.received)}`;
    body = body ? `${body}: ${expectation}` : expectation;
  }
  const hint = context.hint ? `. Hint: ${context.hint}` : '';
  return `${location}${location && body ? ': ' : ''}${body}${hint}`;
}

/** Base of every error the project throws on purpose; the CLI maps it to a message and exit code. */
export class ForgeError extends Error {
  readonly context: ErrorContext;
  readonly isRetryable: boolean;
  /** Exit code the CLI uses when this error reaches it. */
  readonly exitCode: number = 1;

  constructor(context: ErrorContext, message?: string) {
    super(message ?? formatProblem(context), context.cause !== undefined ? { cause: context.cause } : undefined);
    this.name = new.target.name;
    this.context = context;
    this.isRetryable = context.retryable ?? false;
  }
}

/** Configuration or environment that cannot be used as given. */
export class ConfigError extends ForgeError {
  override readonly exitCode = 2;
}

/** True when an error (ours or not) says a retry may succeed. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ForgeError ? error.isRetryable : false;
}
