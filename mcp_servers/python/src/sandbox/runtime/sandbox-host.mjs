// Entry of the restricted sandbox process. The parent (the MCP server, running TypeScript through tsx) starts
// it with Node's permission flags; tsx cannot run under them because it spawns esbuild, hence plain .mjs.
// It keeps a small pool of warm Pyodide workers, queues requests, and enforces the wall-clock limit:
// a soft interrupt (KeyboardInterrupt) first, then worker.terminate() and a fresh worker.
// Workers boot from a Pyodide memory snapshot (issue 14) when one is on disk; otherwise a maker worker makes one
// first, which this process hands to the parent to store (this process may read the file, never write it).
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const options = JSON.parse(process.argv[2]);
const workerUrl = new URL('./pyodide-worker.mjs', import.meta.url);
const MAX_START_FAILURES = 3;

const queue = [];
const slots = [];
let startFailures = 0;

// Workers read the snapshot file themselves (a copy through workerData costs more than the read) and check it;
// one that finds it missing, torn or refused says so and is dropped, and a maker then makes a new one, which the
// parent stores over the file. A snapshot made in this process is handed to later workers in memory.
let snapshot; // bytes made here
let snapshotFileUsable = Boolean(options.snapshotPath) && existsSync(options.snapshotPath);
let maker;
let makerRan = false;

function workerOptions(extra) {
  return {
    workerData: {
      memoryBytes: options.memoryBytes,
      stdoutLimit: options.stdoutLimit,
      pyodideUrl: options.pyodideUrl,
      ...extra,
    },
    resourceLimits: { maxOldGenerationSizeMb: options.jsHeapMb },
    stdout: true, // Pyodide's own console output must never reach the MCP stdio stream
    stderr: true,
  };
}

// One maker per process at most: it boots fresh, posts the snapshot and is terminated. While it runs, slots
// wait (they would otherwise boot fresh on the same two cores); if it fails they boot fresh.
function startMaker() {
  if (makerRan || !options.snapshotPath) return false;
  makerRan = true;
  const worker = new Worker(workerUrl, workerOptions({ mode: 'make', interruptBuffer: new Int32Array(new SharedArrayBuffer(4)) }));
  maker = worker;
  worker.stdout.resume();
  worker.stderr.resume();
  const done = (bytes) => {
    if (maker !== worker) return;
    maker = undefined;
    worker.removeAllListeners('message');
    worker.removeAllListeners('exit');
    worker.on('error', () => {});
    worker.terminate().catch(() => {});
    if (bytes) {
      snapshot = bytes;
      reply({ type: 'snapshot', bytes });
    }
    for (const slot of slots) if (!slot.worker) startSlot(slot);
  };
  worker.on('message', (message) => {
    if (message?.type === 'snapshot' && message.bytes instanceof Uint8Array) done(message.bytes);
  });
  worker.on('error', () => done(undefined));
  worker.on('exit', () => done(undefined));
  return true;
}

function reply(message) {
  if (process.connected) process.send(message);
}

function startSlot(slot) {
  slot.ready = false;
  slot.job = undefined;
  slot.interrupt = new Int32Array(new SharedArrayBuffer(4));
  const source = snapshot ? { snapshot } : snapshotFileUsable ? { snapshotPath: options.snapshotPath } : {};
  slot.worker = new Worker(workerUrl, workerOptions({ interruptBuffer: slot.interrupt, ...source }));
  slot.worker.stdout.resume();
  slot.worker.stderr.resume();
  const worker = slot.worker;
  worker.on('message', (message) => onWorkerMessage(slot, message));
  worker.on('error', (error) => onWorkerGone(slot, worker, `sandbox worker failed: ${error?.message ?? error}`));
  worker.on('exit', (code) => onWorkerGone(slot, worker, `sandbox worker exited with code ${code}`));
}

function dropWorker(slot) {
  const old = slot.worker;
  slot.worker = undefined;
  slot.ready = false;
  old?.removeAllListeners('message');
  old?.removeAllListeners('exit');
  old?.removeAllListeners('error');
  old?.on('error', () => {});
  old?.terminate().catch(() => {});
}

function replaceSlot(slot) {
  dropWorker(slot);
  startSlot(slot);
}

function finish(slot, outcome) {
  const job = slot.job;
  if (!job) return;
  clearTimeout(job.softTimer);
  clearTimeout(job.hardTimer);
  slot.job = undefined;
  reply({ type: 'result', id: job.id, ...outcome });
}

function onWorkerMessage(slot, message) {
  if (message.type === 'snapshot-refused') {
    // Missing, torn, or refused by Pyodide or the probe: as with no file, a maker makes a new one (the parent
    // replaces the file) and the slot starts from it; if a maker already ran here, the slot boots fresh.
    snapshot = undefined;
    snapshotFileUsable = false;
    dropWorker(slot);
    if (!startMaker() && !maker) startSlot(slot);
    return;
  }
  if (message.type === 'ready') {
    reply({ type: 'worker-ready', restored: message.restored, bootMs: message.bootMs }); // for tests and measurement
    slot.ready = true;
    startFailures = 0;
    pump();
    return;
  }
  const job = slot.job;
  if (!job || message.id !== job.id) return;
  if (message.type === 'fatal') {
    finish(slot, { ok: false, kind: 'crashed', errorType: 'InterpreterError', message: message.message, stdout: message.stdout });
    replaceSlot(slot);
    return;
  }
  if (job.interrupted) {
    finish(slot, { ok: false, kind: 'timeout', errorType: 'TimeoutError', message: timeoutMessage(), stdout: message.stdout });
  } else if (message.ok) {
    finish(slot, { ok: true, result: message.result, stdout: message.stdout });
  } else {
    const kind = message.errorType === 'MemoryError' ? 'memory' : 'python';
    finish(slot, { ok: false, kind, errorType: message.errorType, message: message.message, traceback: message.traceback, stdout: message.stdout });
  }
  pump();
}

function onWorkerGone(slot, worker, reason) {
  if (slot.worker !== worker) return;
  if (!slot.ready) startFailures += 1;
  finish(slot, { ok: false, kind: 'crashed', errorType: 'InterpreterError', message: reason, stdout: '' });
  if (startFailures >= MAX_START_FAILURES) {
    // Pyodide cannot start at all: answer the queue instead of looping; the next request tries again.
    for (const job of queue.splice(0)) reply({ type: 'result', id: job.id, ok: false, kind: 'crashed', errorType: 'StartupError', message: reason, stdout: '' });
    slot.worker = undefined;
    slot.ready = false;
    return;
  }
  replaceSlot(slot);
}

function timeoutMessage() {
  return `wall-clock limit of ${options.timeoutMs} ms exceeded`;
}

function dispatch(slot, job) {
  slot.job = job;
  job.softTimer = setTimeout(() => {
    job.interrupted = true;
    Atomics.store(slot.interrupt, 0, 2); // SIGINT: Pyodide raises KeyboardInterrupt at the next check
  }, options.timeoutMs);
  job.hardTimer = setTimeout(() => {
    // The snippet swallowed the interrupt or is blocked (time.sleep): the worker cannot be saved.
    finish(slot, { ok: false, kind: 'timeout', errorType: 'TimeoutError', message: timeoutMessage(), stdout: '' });
    replaceSlot(slot);
  }, options.timeoutMs + options.graceMs);
  slot.worker.postMessage({ type: 'run', id: job.id, code: job.code, inputsJson: job.inputsJson });
}

function pump() {
  for (const slot of slots) {
    if (queue.length === 0) return;
    if (!slot.worker && !maker) startSlot(slot);
    if (slot.ready && !slot.job) dispatch(slot, queue.shift());
  }
}

process.on('message', (message) => {
  if (message?.type !== 'run') return;
  if (startFailures >= MAX_START_FAILURES) startFailures = 0;
  queue.push({ id: message.id, code: message.code, inputsJson: message.inputsJson });
  pump();
});
// The parent owns this process: when the IPC channel closes, there is nobody left to answer.
process.on('disconnect', () => process.exit(0));

for (let index = 0; index < options.poolSize; index += 1) slots.push({});
if (snapshotFileUsable || !startMaker()) for (const slot of slots) startSlot(slot);
