// Runs inside a worker_threads Worker of the restricted sandbox process (see sandbox-host.mjs).
// Plain JavaScript on purpose: the restricted process cannot run tsx (it needs to spawn esbuild).
// Everything that could reach the host is removed BEFORE Pyodide loads, so no Python code ever sees it.
import childProcess from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { memoryBytes, stdoutLimit, interruptBuffer, pyodideUrl } = workerData;

// Node 20's permission model covers fs and child processes but not the network: drop every network door.
for (const name of ['fetch', 'WebSocket', 'XMLHttpRequest', 'require', 'EventSource', 'Request', 'Response', 'Headers']) {
  try {
    delete globalThis[name];
  } catch {
    globalThis[name] = undefined;
  }
}

// Worker resourceLimits do not limit wasm memory; Emscripten grows the heap through this method, so a
// refusal here surfaces as a Python MemoryError instead of a multi-gigabyte process.
const originalGrow = WebAssembly.Memory.prototype.grow;
Object.defineProperty(WebAssembly.Memory.prototype, 'grow', {
  configurable: false,
  writable: false,
  value: function grow(pages) {
    const next = this.buffer.byteLength + pages * 65536;
    if (next > memoryBytes) throw new RangeError(`sandbox memory limit of ${memoryBytes} bytes reached`);
    return originalGrow.call(this, pages);
  },
});

// Emscripten's NODEFS reads its O_* flags through process.binding, which the permission model denies outright.
// The same numbers are public as fs.constants; NODEFS stays useless anyway since fs reads are restricted.
process.binding = (name) => {
  if (name === 'constants') return { fs: fsConstants };
  throw new Error(`process.binding(${name}) is not available in the sandbox`);
};

// The permission model already denies child processes, but Emscripten's system() then dies with a fatal
// error that kills the interpreter; answering "command not found" keeps the worker warm.
const noProcess = () => ({ status: 127, signal: null, pid: 0, output: [], stdout: null, stderr: null });
for (const name of ['spawnSync', 'execSync', 'execFileSync']) childProcess[name] = noProcess;
for (const name of ['spawn', 'exec', 'execFile', 'fork']) {
  childProcess[name] = () => {
    throw new Error('child processes are not available in the sandbox');
  };
}

const { loadPyodide } = await import(pyodideUrl);

let stdoutParts = [];
let stdoutBytes = 0;
let stdoutTruncated = false;

const pyodide = await loadPyodide({
  jsglobals: Object.create(null), // `import js` sees an empty object instead of globalThis
  env: { HOME: '/home/sandbox' },
  stdout: () => {},
  stderr: () => {},
  checkAPIVersion: true,
});

// Sockets in Emscripten are WebSockets under the hood; without these a Python socket reached a loopback port.
const EPERM = 63; // Emscripten's errno numbering
const refuse = () => {
  throw new pyodide.FS.ErrnoError(EPERM);
};
const sockOps = pyodide._module.SOCKFS.websocket_sock_ops;
for (const name of ['connect', 'bind', 'listen', 'accept', 'sendmsg', 'createPeer']) sockOps[name] = refuse;

pyodide.setStdout({
  write(buffer) {
    if (stdoutBytes + buffer.length > stdoutLimit) {
      stdoutTruncated = true;
      const room = Math.max(0, stdoutLimit - stdoutBytes);
      if (room > 0) stdoutParts.push(buffer.slice(0, room));
      stdoutBytes += room;
    } else {
      stdoutParts.push(buffer.slice());
      stdoutBytes += buffer.length;
    }
    return buffer.length;
  },
});
pyodide.setStderr({ write: (buffer) => buffer.length });
pyodide.setInterruptBuffer(interruptBuffer);


// `pyodide_js` hands Python the whole loader API (mountNodeFS, loadPackage, the Emscripten module).
pyodide.unregisterJsModule('pyodide_js');
pyodide.runPython(`
import sys
sys.modules.pop('pyodide_js', None)
`);

// The runner lives in Python so the snippet's namespace, exception and result conversion never cross as proxies.
const runSnippet = pyodide.runPython(`
import json, math, statistics, traceback

def _forge_jsonable(value, depth=0):
    if depth > 64:
        raise ValueError('result is nested deeper than 64 levels')
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(key): _forge_jsonable(item, depth + 1) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [_forge_jsonable(item, depth + 1) for item in items]
    try:
        return float(value) if hasattr(value, '__float__') and not isinstance(value, complex) else str(value)
    except Exception:
        return str(value)

import builtins, sys

# Every call starts from the same world: what a snippet changes in a module (builtins.round = ..., math.pi = 3),
# or a module it imports, is undone after the call, so nothing crosses calls or MCP sessions.
# __main__ holds this runner itself; snippets run in a namespace of their own, so it is left alone.
_FORGE_PRISTINE = {name: (module, dict(module.__dict__)) for name, module in list(sys.modules.items()) if name != '__main__' and module is not None and hasattr(module, '__dict__')}

def _forge_restore():
    for name in [name for name in sys.modules if name not in _FORGE_PRISTINE and name != '__main__']:
        del sys.modules[name]
    for name, (module, saved) in _FORGE_PRISTINE.items():
        sys.modules[name] = module
        current = module.__dict__
        if current.keys() == saved.keys() and all(current[key] is value for key, value in saved.items()):
            continue
        for key in [key for key in current if key not in saved]:
            del current[key]
        current.update(saved)

def _forge_run(code, inputs_json):
    namespace = {'__name__': '__main__', '__builtins__': dict(_FORGE_PRISTINE['builtins'][1]), 'json': json, 'math': math, 'statistics': statistics}
    namespace.update(json.loads(inputs_json))
    try:
        exec(compile(code, '<snippet>', 'exec'), namespace)
        value = namespace.get('result')
        return json.dumps({'ok': True, 'result': _forge_jsonable(value)}, allow_nan=False)
    except BaseException as error:
        frames = traceback.format_exception(type(error), error, error.__traceback__)
        kept = [frame for frame in frames if 'File "<exec>"' not in frame]
        return json.dumps({'ok': False, 'errorType': type(error).__name__, 'message': str(error)[:2000],
                           'traceback': ''.join(kept)[-4000:]})
    finally:
        _forge_restore()

_forge_run
`);

function takeStdout() {
  const total = new Uint8Array(stdoutBytes);
  let offset = 0;
  for (const part of stdoutParts) {
    total.set(part, offset);
    offset += part.length;
  }
  const text = new TextDecoder().decode(total) + (stdoutTruncated ? '\n[stdout truncated]' : '');
  stdoutParts = [];
  stdoutBytes = 0;
  stdoutTruncated = false;
  return text;
}

parentPort.on('message', (message) => {
  if (message.type !== 'run') return;
  Atomics.store(interruptBuffer, 0, 0);
  let reply;
  try {
    const outcome = JSON.parse(runSnippet(message.code, message.inputsJson));
    reply = { type: 'done', id: message.id, ...outcome, stdout: takeStdout() };
  } catch (error) {
    // Reaching here means the interpreter itself failed (e.g. a JS stack overflow); the host replaces this worker.
    reply = { type: 'fatal', id: message.id, message: String(error?.message ?? error).slice(0, 2000), stdout: takeStdout() };
  }
  parentPort.postMessage(reply);
});

parentPort.postMessage({ type: 'ready' });
