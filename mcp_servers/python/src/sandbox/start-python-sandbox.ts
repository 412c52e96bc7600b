import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PythonSandboxError, type PythonFailureKind } from './python-sandbox-error.ts';
import { PythonSandboxOptionsSchema, type PythonSandboxOptionsInput } from './python-sandbox-options.ts';

/** One snippet and the variables bound before it runs. */
export interface PythonRunRequest {
  code: string;
  inputs?: Record<string, unknown>;
}

/** What a finished snippet left: the JSON-converted `result` variable (null if unset) and its stdout. */
export interface PythonRunOutput {
  result: unknown;
  stdout: string;
}

/** Runs untrusted Python; `run` throws PythonSandboxError when the snippet fails or hits a limit. */
export interface PythonSandbox {
  run(request: PythonRunRequest): Promise<PythonRunOutput>;
  close(): Promise<void>;
  /** Whether the sandbox process is up: false until the first call, and after close. */
  readonly running: boolean;
}

type HostReply =
  | { type: 'result'; id: number; ok: true; result: unknown; stdout: string }
  | { type: 'result'; id: number; ok: false; kind: PythonFailureKind; errorType: string; message: string; traceback?: string; stdout: string };

const runtimeDir = fileURLToPath(new URL('./runtime/', import.meta.url));
const hostScript = fileURLToPath(new URL('./runtime/sandbox-host.mjs', import.meta.url));

/** Node arguments of the restricted process: read access to the runtime and Pyodide only, no child processes, no eval. */
export function sandboxNodeArguments(pyodideDir: string): string[] {
  return [
    '--no-warnings',
    '--experimental-permission',
    `--allow-fs-read=${runtimeDir}*`,
    `--allow-fs-read=${pyodideDir}/*`,
    '--allow-worker',
    '--disallow-code-generation-from-strings',
  ];
}

/**
 * The client of the restricted sandbox process, which starts on the first call (its Pyodide pool boots then, each
 * worker loading the runner prelude once) and again on the next call if it dies.
 */
export function startPythonSandbox(optionsInput: PythonSandboxOptionsInput = {}): PythonSandbox {
  const options = PythonSandboxOptionsSchema.parse(optionsInput);
  const pyodideEntry = createRequire(import.meta.url).resolve('pyodide/pyodide.mjs');
  const hostOptions = JSON.stringify({
    poolSize: options.poolSize,
    timeoutMs: options.timeoutMs,
    graceMs: options.graceMs,
    memoryBytes: options.memoryMb * 1024 * 1024,
    jsHeapMb: options.jsHeapMb,
    stdoutLimit: options.stdoutLimitBytes,
    pyodideUrl: pathToFileURL(pyodideEntry).href,
  });
  const pending = new Map<number, { resolve: (output: PythonRunOutput) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let child: ChildProcess | undefined;
  let closed = false;

  const launch = (): ChildProcess => {
    // An empty environment: nothing of the server's (tokens, NODE_OPTIONS with tsx) reaches the sandbox.
    const started = spawn(process.execPath, [...sandboxNodeArguments(dirname(pyodideEntry)), hostScript, hostOptions], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: {},
    });
    started.on('message', (message: HostReply) => {
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve({ result: message.result ?? null, stdout: message.stdout });
      else waiter.reject(new PythonSandboxError(message));
    });
    started.on('exit', (code, signal) => {
      if (child === started) child = undefined;
      const failure = `sandbox process exited (${signal ?? code})`;
      for (const [id, waiter] of pending) {
        pending.delete(id);
        waiter.reject(new PythonSandboxError({ kind: 'crashed', errorType: 'SandboxExit', message: failure }));
      }
    });
    started.on('error', () => {}); // 'exit' follows and answers the waiters
    return started;
  };

  // Lazy (issue 14 item 6): a server that is never asked for Python, or a fully cached run, never pays the ~2 s boot.
  return {
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    run(request) {
      if (closed) return Promise.reject(new PythonSandboxError({ kind: 'crashed', errorType: 'SandboxClosed', message: 'the sandbox is closed' }));
      child ??= launch();
      const id = nextId++;
      const inputsJson = JSON.stringify(request.inputs ?? {});
      return new Promise<PythonRunOutput>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child!.send({ type: 'run', id, code: request.code, inputsJson });
      });
    },
    async close() {
      closed = true;
      const current = child;
      child = undefined;
      if (!current || current.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        current.once('exit', () => resolve());
        current.kill('SIGKILL');
      });
    },
  };
}
