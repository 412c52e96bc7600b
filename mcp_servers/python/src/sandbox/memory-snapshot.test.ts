import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PythonSandboxError } from './python-sandbox-error.ts';
import { pythonSnapshotPath, startPythonSandbox, type PythonRunRequest } from './start-python-sandbox.ts';

// Issue 14: workers boot from a Pyodide memory snapshot cached on disk. Each test uses its own cache folder.
const pyodideDir = dirname(createRequire(import.meta.url).resolve('pyodide/pyodide.mjs'));
const folders: string[] = [];

function cacheFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'forge-python-snapshot-'));
  folders.push(folder);
  return folder;
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

type Outcome = { result?: unknown; stdout?: string; errorType?: string; kind?: string };

/** Runs the requests one after another in a one-worker sandbox; returns what each gave and how the worker booted. */
async function runAll(requests: PythonRunRequest[], options: { snapshotDir?: string; memorySnapshot?: boolean }): Promise<{ outcomes: Outcome[]; restored: boolean[]; stored: boolean[] }> {
  const restored: boolean[] = [];
  const stored: boolean[] = [];
  const sandbox = startPythonSandbox({ poolSize: 1, ...options }, { workerReady: (info) => restored.push(info.restored), snapshotStored: (info) => stored.push(info.stored) });
  const outcomes: Outcome[] = [];
  try {
    for (const request of requests) {
      try {
        outcomes.push(await sandbox.run(request));
      } catch (error) {
        if (!(error instanceof PythonSandboxError)) throw error;
        outcomes.push({ errorType: error.errorType, kind: error.kind });
      }
    }
  } finally {
    await sandbox.close();
  }
  return { outcomes, restored, stored };
}

const snippets: PythonRunRequest[] = [
  { code: 'result = [sum(values), sorted({3, 1, 2}), 1 / 3, math.pi, statistics.mean(values)]', inputs: { values: [1, 2, 4] } },
  { code: 'import sys, os\nprint("hello")\nresult = [list(sys.version_info[:2]), "pyodide_js" in sys.modules, os.environ.get("HOME"), os.getcwd()]' },
  { code: 'import builtins, math\nbuiltins.round = lambda *a: 999\nmath.pi = 3\nresult = round(2.5)' },
  { code: 'result = [round(2.5), math.pi == 3]' },
  { code: 'import pyodide_js' },
  { code: 'import socket\ns = socket.socket()\ns.connect(("127.0.0.1", 9))' },
  { code: 'import js\nresult = [name for name in dir(js) if not name.startswith("_")]' },
  { code: 'import os\nresult = os.system("ls")' },
  { code: 'x = bytearray(400 * 1024 * 1024)' },
  { code: 'result = 1 / 0' },
  { code: 'import random\nresult = random.random()' },
];

// Each case boots several sandbox processes (a maker run is a fresh boot plus a restore) on a shared 2-core machine.
const SLOW = 180_000;

// Two runs several cases read, made once (a fresh boot is the costly part of this file): a first boot that makes the
// snapshot, then a fresh boot with the snapshot off over a folder holding a copy of that good snapshot, which it must
// neither read nor write.
let making: Awaited<ReturnType<typeof runAll>>;
let madeFolder: string;
let fresh: Awaited<ReturnType<typeof runAll>>;
let offFolder: string;
let offFile: string;
beforeAll(async () => {
  madeFolder = cacheFolder();
  making = await runAll(snippets.slice(0, 1), { snapshotDir: madeFolder });
  offFolder = cacheFolder();
  offFile = pythonSnapshotPath(pyodideDir, offFolder);
  copyFileSync(pythonSnapshotPath(pyodideDir, madeFolder), offFile);
  fresh = await runAll(snippets, { snapshotDir: offFolder, memorySnapshot: false });
}, SLOW);

describe('Python sandbox memory snapshot', () => {
  it('makes a snapshot on the first boot, and a boot from it answers like a fresh boot', async () => {
    const folder = madeFolder;
    expect(fresh.restored).toEqual([false]);

    expect(making.stored).toEqual([true]);
    expect(making.restored).toEqual([true]); // the worker boots from the bytes its process just made
    const file = pythonSnapshotPath(pyodideDir, folder);
    expect(readFileSync(file).subarray(0, 8).toString('latin1')).toBe('FORGEPY1');

    // Two restores from the one file; neither writes it.
    const [restored, again] = await Promise.all([runAll(snippets, { snapshotDir: folder }), runAll(snippets.slice(-1), { snapshotDir: folder })]);
    expect(restored.restored).toEqual([true]);
    expect(restored.stored).toEqual([]);
    expect(again.stored).toEqual([]);
    // `random` is reseeded after a restore: its first draw differs between boots, like a fresh boot's.
    expect(again.outcomes[0]?.result).not.toEqual(restored.outcomes.at(-1)?.result);
    expect(restored.outcomes.slice(0, -1)).toEqual(fresh.outcomes.slice(0, -1));
    expect(fresh.outcomes[1]).toEqual({ result: [[3, 14], false, '/home/sandbox', '/home/sandbox'], stdout: 'hello\n' });
    expect(fresh.outcomes[3]).toEqual({ result: [2, false], stdout: '' });
    expect(fresh.outcomes.slice(4, -1).map((outcome) => outcome.errorType)).toEqual(['ModuleNotFoundError', 'PermissionError', undefined, undefined, 'MemoryError', 'ZeroDivisionError']);
    expect(readdirSync(folder)).toEqual([file.slice(folder.length + 1)]); // no temporary file left
  }, SLOW);

  it('makes a new snapshot on a corrupt or torn snapshot file, and replaces the file before the first snippet', async () => {
    const folder = cacheFolder();
    const file = pythonSnapshotPath(pyodideDir, folder);
    // A good snapshot to damage: the one the first boot made (copied; that folder stays as it was).
    copyFileSync(pythonSnapshotPath(pyodideDir, madeFolder), file);
    const good = readFileSync(file);

    const damaged = Buffer.from(good);
    damaged[damaged.length >> 1] ^= 0xff; // one flipped byte in the heap
    for (const bad of [good.subarray(0, good.length >> 1), damaged]) {
      writeFileSync(file, bad);
      const run = await runAll(snippets.slice(0, 2), { snapshotDir: folder });
      expect(run.restored).toEqual([true]); // from the bytes made again in this process
      expect(run.outcomes).toEqual([
        { result: [7, [1, 2, 3], 1 / 3, Math.PI, 7 / 3], stdout: '' },
        { result: [[3, 14], false, '/home/sandbox', '/home/sandbox'], stdout: 'hello\n' },
      ]);
      expect(run.stored).toEqual([true]);
      const replaced = readFileSync(file);
      expect(replaced.subarray(0, 8).toString('latin1')).toBe('FORGEPY1');
      expect(replaced.length).toBe(good.length);
    }

    const after = await runAll(snippets.slice(0, 1), { snapshotDir: folder });
    expect(after.restored).toEqual([true]);
  }, SLOW);

  it('lets two processes make the snapshot at once', async () => {
    const folder = cacheFolder();
    const [first, second] = await Promise.all([runAll(snippets.slice(0, 1), { snapshotDir: folder }), runAll(snippets.slice(0, 1), { snapshotDir: folder })]);
    expect(first.outcomes).toEqual(second.outcomes);
    const file = pythonSnapshotPath(pyodideDir, folder);
    expect(readdirSync(folder)).toEqual([file.slice(folder.length + 1)]);
    const after = await runAll(snippets.slice(0, 1), { snapshotDir: folder });
    expect(after.restored).toEqual([true]);
    expect(after.outcomes).toEqual(first.outcomes);
  }, SLOW);

  it('reads nothing and writes nothing with memorySnapshot off', () => {
    // beforeAll's fresh boot ran every snippet with the snapshot off, over a folder holding a good snapshot.
    expect(fresh.restored).toEqual([false]);
    expect(fresh.stored).toEqual([]);
    expect(readdirSync(offFolder)).toEqual([offFile.slice(offFolder.length + 1)]);
    expect(readFileSync(offFile).equals(readFileSync(pythonSnapshotPath(pyodideDir, madeFolder)))).toBe(true);
  });
});
