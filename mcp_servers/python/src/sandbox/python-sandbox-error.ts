import { ForgeError, type ErrorContext } from '@forge/errors';

/** Why a snippet produced no result: its own exception, a limit, or a lost interpreter. */
export type PythonFailureKind = 'python' | 'timeout' | 'memory' | 'crashed';

/** A snippet that did not finish cleanly; the message carries the Python error line and traceback. */
export class PythonSandboxError extends ForgeError {
  readonly kind: PythonFailureKind;
  readonly errorType: string;
  readonly stdout: string;

  constructor(details: { kind: PythonFailureKind; errorType: string; message: string; traceback?: string; stdout?: string }) {
    const context: ErrorContext = {
      problem: describe(details),
      hint: hintFor(details.kind),
      retryable: details.kind === 'crashed',
    };
    super(context);
    this.kind = details.kind;
    this.errorType = details.errorType;
    this.stdout = details.stdout ?? '';
  }
}

function describe(details: { kind: PythonFailureKind; errorType: string; message: string; traceback?: string }): string {
  const head = `python ${details.kind === 'python' ? 'error' : details.kind}: ${details.errorType}${details.message ? `: ${details.message}` : ''}`;
  return details.traceback ? `${head}\n${details.traceback.trimEnd()}` : head;
}

function hintFor(kind: PythonFailureKind): string | undefined {
  switch (kind) {
    case 'timeout':
      return 'the snippet must finish within the wall-clock limit; avoid loops without an end and sleeps';
    case 'memory':
      return 'the snippet must stay under the sandbox memory limit';
    case 'crashed':
      return 'the interpreter was restarted; the call can be retried';
    default:
      return undefined;
  }
}
