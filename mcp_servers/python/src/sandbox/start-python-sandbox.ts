import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
  | { type: 'result'; id: number; ok: false; kind: PythonFailureKind; errorType: string; message: string; traceback?: string; stdout: string }
  | { type: 'snapshot'; bytes: Uint8Array }
  | { type: 'worker-ready'; restored: boolean; bootMs: number };

/** Observers of the sandbox process, for tests and measurement. */
export interface PythonSandboxObserver {
  /** A worker is ready: booted from a memory snapshot or fresh, `bootMs` after its thread started. */
  workerReady?(info: { restored: boolean; bootMs: number }): void;
  /** The snapshot this process made was stored (or could not be). */
  snapshotStored?(info: { path: string; stored: boolean }): void;
}

const runtimeDir = fileURLToPath(new URL('./runtime/', import.meta.url));
const hostScript = fileURLToPath(new URL('./runtime/sandbox-host.mjs', import.meta.url));
const workerScript = fileURLToPath(new URL('./runtime/pyodide-worker.mjs', import.meta.url));

/**
 * Node arguments of the restricted process: read access to the runtime, Pyodide and the one snapshot file only,
 * no child processes, no eval.
 */
export function sandboxNodeArguments(pyodideDir: string, snapshotPath?: string): string[] {
  return [
    '--no-warnings',
    '--experimental-permission',
    `--allow-fs-read=${runtimeDir}*`,
    `--allow-fs-read=${pyodideDir}/*`,
    ...(snapshotPath ? [`--allow-fs-read=${snapshotPath}`] : []),
    '--allow-worker',
    '--disallow-code-generation-from-strings',
  ];
}

/**
 * Where the memory snapshot of a booted worker lives (issue 14): outside the tracked files, by default
 * node_modules/.cache/forge-python/, named by a hash of everything that shapes it (Pyodide's version and build
 * files, the worker source, which sets the interpreter up, and the Node version), so a change makes a new one.
 */
export function pythonSnapshotPath(pyodideDir: string, cacheDir = join(dirname(pyodideDir), '.cache', 'forge-python')): string {
  const hash = createHash('sha256');
  const pyodidePackage = JSON.parse(readFileSync(join(pyodideDir, 'package.json'), 'utf8')) as { version?: string };
  const build = ['pyodide.asm.wasm', 'pyodide.asm.mjs', 'python_stdlib.zip'].map((name) => {
    const stat = statSync(join(pyodideDir, name));
    return [name, stat.size, stat.mtimeMs];
  });
  hash.update(JSON.stringify([pyodidePackage.version, build, process.version, process.arch]));
  hash.update(readFileSync(workerScript));
  return join(cacheDir, `pyodide-${hash.digest('hex').slice(0, 24)}.snapshot`);
}

const SNAPSHOT_MAGIC = 'FORGEPY1';
const SNAPSHOT_HEADER = 64;
const PYODIDE_SNAPSHOT_MAGIC = 1886286592; // the first word of Pyodide's own snapshot format

/**
 * Stores a snapshot the sandbox process sent: header (magic, length, SHA-1 of the body) then the bytes, written to a
 * temporary file and renamed over the target, so readers (other processes included) see a whole file or none, and
 * two processes storing at once each rename a complete file. Failures are ignored: the next process makes one.
 */
export function storePythonSnapshot(path: string, bytes: Uint8Array): boolean {
  if (!(bytes instanceof Uint8Array) || bytes.length < 1024 * 1024 || bytes.length > 1024 * 1024 * 1024) return false;
  if (new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) !== PYODIDE_SNAPSHOT_MAGIC) return false;
  const header = Buffer.alloc(SNAPSHOT_HEADER);
  header.write(SNAPSHOT_MAGIC, 0, 'latin1');
  header.writeUInt32LE(bytes.length, 8);
  createHash('sha1').update(bytes).digest().copy(header, 12);
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, Buffer.concat([header, bytes]), { flag: 'wx' });
    renameSync(temp, path);
    pruneSnapshots(dirname(path), path);
    return true;
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    return false;
  }
}

/** Keeps the cache folder small: the newest few snapshots (other checkouts or versions), no stale temporary file. */
function pruneSnapshots(folder: string, current: string): void {
  try {
    const now = Date.now();
    const snapshots: Array<{ path: string; mtime: number }> = [];
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (path === current) continue;
      const mtime = statSync(path).mtimeMs;
      if (/^pyodide-[0-9a-f]{24}\.snapshot\..+\.tmp$/.test(name) && now - mtime > 10 * 60_000) unlinkSync(path);
      else if (/^pyodide-[0-9a-f]{24}\.snapshot$/.test(name)) snapshots.push({ path, mtime });
    }
    for (const stale of snapshots.sort((a, b) => b.mtime - a.mtime).slice(2)) unlinkSync(stale.path);
  } catch {
    // another process pruned first, or the folder is not ours to list
  }
}

function snapshotPathOrNone(pyodideDir: string, cacheDir: string | undefined): string | undefined {
  try {
    return pythonSnapshotPath(pyodideDir, cacheDir);
  } catch {
    return undefined; // Pyodide's files cannot be read: the sandbox then fails to start anyway, as before
  }
}

/**
 * The client of the restricted sandbox process, which starts on the first call (its Pyodide pool boots then, each
 * worker loading the runner prelude once) and again on the next call if it dies.
 */
export function startPythonSandbox(optionsInput: PythonSandboxOptionsInput = {}, observer: PythonSandboxObserver = {}): PythonSandbox {
  const options = PythonSandboxOptionsSchema.parse(optionsInput);
  const pyodideEntry = createRequire(import.meta.url).resolve('pyodide/pyodide.mjs');
  const snapshotPath = options.memorySnapshot ? snapshotPathOrNone(dirname(pyodideEntry), options.snapshotDir) : undefined;
  const hostOptions = JSON.stringify({
    poolSize: options.poolSize,
    timeoutMs: options.timeoutMs,
    graceMs: options.graceMs,
    memoryBytes: options.memoryMb * 1024 * 1024,
    jsHeapMb: options.jsHeapMb,
    stdoutLimit: options.stdoutLimitBytes,
    pyodideUrl: pathToFileURL(pyodideEntry).href,
    snapshotPath: snapshotPath ?? null,
  });
  const pending = new Map<number, { resolve: (output: PythonRunOutput) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let child: ChildProcess | undefined;
  let closed = false;

  const launch = (): ChildProcess => {
    // An empty environment: nothing of the server's (tokens, NODE_OPTIONS with tsx) reaches the sandbox.
    // 'advanced' serialization: the snapshot arrives as bytes, not as JSON of a 30 MB array.
    let stored = false;
    const started = spawn(process.execPath, [...sandboxNodeArguments(dirname(pyodideEntry), snapshotPath), hostScript, hostOptions], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: {},
      serialization: 'advanced',
    });
    started.on('message', (message: HostReply) => {
      if (message.type === 'snapshot') {
        // Once per launch, and only to the path chosen here: the sandbox process names no file.
        if (!stored && snapshotPath) {
          stored = storePythonSnapshot(snapshotPath, message.bytes);
          observer.snapshotStored?.({ path: snapshotPath, stored });
        }
        return;
      }
      if (message.type === 'worker-ready') {
        observer.workerReady?.({ restored: message.restored === true, bootMs: Number(message.bootMs) });
        return;
      }
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
