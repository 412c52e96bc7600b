import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The escape tests go through the real entry over stdio: the restricted sandbox process it starts is the
// security boundary, so an in-process fake would prove nothing. One server start for the whole file.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));

type CallResult = { isError?: boolean; structuredContent?: Record<string, unknown>; content: Array<{ type: string; text?: string }> };

let client: Client;
let listener: Server;
let listenerPort = 0;
const accepted: Socket[] = [];

beforeAll(async () => {
  listener = createServer((socket) => {
    accepted.push(socket);
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerPort = (listener.address() as { port: number }).port;

  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', mainPath, '--transport', 'stdio'],
    cwd: repoRoot,
    env: { ...(process.env as Record<string, string>), PYTHON_SANDBOX_TIMEOUT_MS: '1500', PYTHON_SANDBOX_POOL_SIZE: '2' },
    stderr: 'ignore',
  });
  client = new Client({ name: 'python-test', version: '0.0.0' });
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
  await new Promise<void>((resolve) => listener?.close(() => resolve()));
});

async function run(code: string, inputs?: Record<string, unknown>): Promise<CallResult> {
  return (await client.callTool({ name: 'execute_python', arguments: inputs ? { code, inputs } : { code } })) as CallResult;
}

/** The same snippet twice at once: with both workers of the pool idle, each runs one. */
function onBothWorkers(code: string): Promise<CallResult[]> {
  return Promise.all([run(code), run(code)]);
}

function textOf(result: CallResult): string {
  return result.content.map((part) => part.text ?? '').join('\n');
}

async function expectStillWorks(): Promise<void> {
  const next = await run('result = 6 * 7');
  expect(next.isError).toBeFalsy();
  expect(next.structuredContent).toEqual({ result: 42, stdout: '' });
}

describe('execute_python over the real stdio entry', () => {
  it('lists the tool with input and output schemas', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((candidate) => candidate.name === 'execute_python');
    expect(tool?.outputSchema?.properties).toHaveProperty('stdout');
    expect(tool?.inputSchema.properties).toHaveProperty('code');
  });

  it('computes the mean of a list passed as JSON text', async () => {
    const result = await run('result = statistics.mean(json.loads(prices))', { prices: '[10, 20, 30, 41]' });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ result: 25.25, stdout: '' });
  });

  it('computes a percent change and captures stdout', async () => {
    const result = await run(
      'change = (new - old) / old * 100\nprint(f"change {change:.2f}%")\nresult = {"pct": round(change, 4), "up": change > 0}',
      { old: 200, new: 212.5 },
    );
    expect(result.structuredContent).toEqual({ result: { pct: 6.25, up: true }, stdout: 'change 6.25%\n' });
    expect(textOf(result)).toContain('6.25');
  });

  it('returns null when no result is set and converts tuples, sets and NaN', async () => {
    expect((await run('x = 1')).structuredContent).toEqual({ result: null, stdout: '' });
    expect((await run('result = [(1, 2), {3}, float("nan"), math.inf]')).structuredContent).toEqual({ result: [[1, 2], [3], null, null], stdout: '' });
  });

  it('reports a Python exception as isError with the error line', async () => {
    const result = await run('result = 1 / 0');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('ZeroDivisionError');
  });

  it('sees no host files: open("/etc/passwd") fails and / is the in-memory FS', async () => {
    const opened = await run('result = open("/etc/passwd").read()');
    expect(opened.isError).toBe(true);
    expect(textOf(opened)).not.toContain('root:');
    const listing = await run('import os\nresult = os.listdir("/")');
    const entries = listing.structuredContent?.result as string[];
    expect(entries).not.toContain('etc');
    expect(entries).not.toContain('work');
    expect(entries).not.toContain('usr');
    const work = await run(`import os\nresult = os.listdir(${JSON.stringify(repoRoot)})`);
    expect(work.isError).toBe(true);
    await expectStillWorks();
  });

  it('cannot reach a real listening loopback port through socket.connect', async () => {
    const result = await run(`import socket\ns = socket.socket()\ns.connect(("127.0.0.1", ${listenerPort}))\nresult = "connected"`);
    expect(result.isError).toBe(true);
    await expectStillWorks();
    expect(accepted).toHaveLength(0);
  });

  it('cannot reach the network through js.fetch', async () => {
    const result = await run(`import js\nresult = str(js.fetch("http://127.0.0.1:${listenerPort}/"))`);
    expect(result.isError).toBe(true);
    await expectStillWorks();
    expect(accepted).toHaveLength(0);
  });

  it('cannot start processes: subprocess.run, os.system, posix.system', async () => {
    const subprocess = await run('import subprocess\nresult = subprocess.run(["id"], capture_output=True).stdout')
    expect(subprocess.isError).toBe(true);
    const system = await run('import os, posix\nresult = [os.system("id"), posix.system("id > /dev/null")]');
    // Emscripten reports "command not found" (127 << 8); nothing ran on the host.
    expect(system.structuredContent?.result).toEqual([32512, 32512]);
    expect(String(system.structuredContent?.stdout)).not.toContain('uid=');
    await expectStillWorks();
  });

  it('cannot reach the loader API, JS globals or the Function constructor', async () => {
    expect((await run('import pyodide_js')).isError).toBe(true);
    expect((await run('import js\nresult = str(js.process)')).isError).toBe(true);
    const constructor = await run('from pyodide.ffi import create_proxy\nmake = create_proxy(len).constructor.constructor\nresult = str(make("return process.pid")())');
    expect(constructor.isError).toBe(true);
    expect(textOf(constructor)).toMatch(/code generation|EvalError/i);
    await expectStillWorks();
  });

  it('stops an endless loop with a timeout error', async () => {
    const result = await run('while True:\n    pass');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('timeout');
    await expectStillWorks();
  });

  it('stops a loop that swallows the interrupt, and time.sleep(100)', async () => {
    const swallowing = await run('while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass');
    expect(swallowing.isError).toBe(true);
    expect(textOf(swallowing)).toContain('timeout');
    const sleeping = await run('import time\ntime.sleep(100)\nresult = "woke"');
    expect(sleeping.isError).toBe(true);
    expect(textOf(sleeping)).toContain('timeout');
    await expectStillWorks();
  });

  it('refuses memory bombs', async () => {
    const huge = await run('x = bytearray(4 * 1024**3)');
    expect(huge.isError).toBe(true);
    const overCap = await run('x = bytearray(512 * 1024**2)');
    expect(overCap.isError).toBe(true);
    expect(textOf(overCap)).toContain('MemoryError');
    const growing = await run('chunks = []\nwhile True:\n    chunks.append(bytearray(16 * 1024**2))');
    expect(growing.isError).toBe(true);
    await expectStillWorks();
  });

  it('survives deep recursion, also with a raised recursion limit', async () => {
    const plain = await run('def f(n):\n    return f(n + 1)\nf(0)');
    expect(plain.isError).toBe(true);
    expect(textOf(plain)).toContain('RecursionError');
    const raised = await run('import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return f(n + 1)\nf(0)');
    expect(raised.isError).toBe(true);
    await expectStillWorks();
  });

  it('starts every call from pristine builtins and modules: a poisoned round, math.pi or imported module does not last', async () => {
    const poison = await run('import builtins, math, statistics, random\nbuiltins.round = lambda *a: 999\nmath.pi = 3\nstatistics.mean = lambda xs: -1\nrandom.seed = None\nimport fractions\nfractions.Fraction = None\nresult = round(5.0, 2)');
    // The snippet's own builtins are a copy: even within the call the patched module does not reach its round.
    expect(poison.structuredContent?.result).toBe(5);
    // The pool has two workers: enough calls to meet both.
    for (let call = 0; call < 4; call += 1) {
      const clean = await run('import math, statistics, random, fractions\nresult = [round(5.123, 2), math.pi > 3.14, statistics.mean([1, 3]), random.seed is not None, fractions.Fraction is not None]');
      expect(clean.structuredContent?.result).toEqual([5.12, true, 2, true, true]);
    }
  });

  it('undoes what runs after a call ended: a finaliser in a cycle and event-loop callbacks do not reach the next call', async () => {
    // Two calls at once reach both workers of the pool.
    const poisoned = await onBothWorkers('import asyncio, math\nclass Late:\n    def __del__(self):\n        print("finalised")\n        math.pi = 3\nlate = Late()\nlate.me = late\nloop = asyncio.get_event_loop()\nloop.call_soon(setattr, math, "tau", 3)\nloop.call_later(0.001, setattr, math, "e", 3)\nresult = 1');
    // The finaliser runs inside its own call: its print is that call's stdout.
    expect(poisoned.map((result) => result.structuredContent)).toEqual([{ result: 1, stdout: 'finalised\n' }, { result: 1, stdout: 'finalised\n' }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const clean = await onBothWorkers('import gc\ngc.collect()\nresult = [math.pi > 3.14, math.tau > 6.28, math.e > 2.71]');
    expect(clean.map((result) => result.structuredContent?.result)).toEqual([[true, true, true], [true, true, true]]);
  });

  it('keeps resetting after a snippet rebinds the runner names in __main__ or interpreter hooks', async () => {
    const rebinding = await onBothWorkers('import __main__, sys, gc\nfor name in list(vars(__main__)):\n    setattr(__main__, name, None)\nsys.settrace(lambda *a: None)\nsys.setrecursionlimit(50)\ngc.disable()\nimport builtins\nbuiltins.round = lambda *a: 999\nresult = 1');
    expect(rebinding.map((result) => result.structuredContent?.result)).toEqual([1, 1]);
    const clean = await onBothWorkers('import sys, gc\nresult = [round(5.0, 2), sys.gettrace() is None, sys.getrecursionlimit() > 50, gc.isenabled()]');
    expect(clean.map((result) => result.structuredContent?.result)).toEqual([[5, true, true, true], [5, true, true, true]]);
  });

  it('restores module dicts without running code a snippet planted in them as a key', async () => {
    const planted = await onBothWorkers('import math\nclass Key:\n    def __hash__(self):\n        import builtins\n        builtins.round = lambda *a: 999\n        return 1\n    def __eq__(self, other):\n        return False\n    def __del__(self):\n        math.e = 3\nmath.__dict__[Key()] = 1\nresult = 1');
    expect(planted.map((result) => result.structuredContent?.result)).toEqual([1, 1]);
    const clean = await onBothWorkers('import builtins, math\nresult = [builtins.round(5.0, 2), math.e > 2.71, sorted(k for k in vars(math) if not isinstance(k, str))]');
    expect(clean.map((result) => result.structuredContent?.result)).toEqual([[5, true, []], [5, true, []]]);
  });

  it('undoes each kind of dict change on its own, with no import in the poisoning call (issue 14: the reset runs when a watched dict changed)', async () => {
    // math is already imported at start-up, so none of these touches sys.modules: each change alone must be seen.
    const changes = [
      'math.pi = 3',
      'del math.pi',
      'vars(math).update(pi=3)',
      'vars(math).setdefault("planted", 1)',
      'vars(math).pop("pi")',
      'vars(math).clear()',
      'import sys\nsys.modules.pop("math")',
      'import sys\nsys.modules["math"] = None',
    ];
    for (const change of changes) {
      const poisoned = await onBothWorkers(`import math\n${change}\nresult = 1`);
      expect(poisoned.map((result) => result.structuredContent?.result)).toEqual([1, 1]);
      const clean = await onBothWorkers('import math\nresult = [math.pi > 3.14, "planted" in vars(math), math.sqrt(4)]');
      expect(clean.map((result) => result.structuredContent?.result), change).toEqual([[true, false, 2], [true, false, 2]]);
    }
  });

  it('still undoes a change after ctypes took a module dict off the dict watcher', async () => {
    // PyDict_Unwatch (reachable through ctypes) would hide later changes from the watcher; once _ctypes is loaded in
    // a worker, every call there runs the full check. The import changes sys.modules, so the first call is undone
    // anyway; the second change makes no import and must be undone too.
    const unwatch = 'import ctypes, math\nfor watcher in range(8):\n    try:\n        ctypes.pythonapi.PyDict_Unwatch(ctypes.c_int(watcher), ctypes.py_object(vars(math)))\n    except Exception:\n        pass\nresult = 1';
    expect((await onBothWorkers(unwatch)).map((result) => result.structuredContent?.result)).toEqual([1, 1]);
    expect((await onBothWorkers('import math\nmath.tau = 1\nresult = math.tau')).map((result) => result.structuredContent?.result)).toEqual([1, 1]);
    const clean = await onBothWorkers('import math\nresult = math.tau > 6.28');
    expect(clean.map((result) => result.structuredContent?.result)).toEqual([true, true]);
  });

  it('runs a repeated snippet from a fresh namespace every time, with each call\'s inputs', async () => {
    const code = 'seen = globals().get("seen", 0) + 1\nresult = [seen, x * 2]';
    for (const x of [1, 2, 3]) expect((await run(code, { x })).structuredContent?.result).toEqual([1, x * 2]);
    for (let call = 0; call < 2; call += 1) {
      const broken = await run('result = (');
      expect(broken.isError).toBe(true);
      expect(textOf(broken)).toContain('SyntaxError');
    }
  });

  it('rejects dunder input names', async () => {
    const result = await run('result = 1', { __builtins__: 'x' });
    expect(result.isError).toBe(true);
  });
});
