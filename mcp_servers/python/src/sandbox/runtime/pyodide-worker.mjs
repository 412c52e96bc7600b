// Runs inside a worker_threads Worker of the restricted sandbox process (see sandbox-host.mjs).
// Plain JavaScript on purpose: the restricted process cannot run tsx (it needs to spawn esbuild).
// Everything that could reach the host is removed BEFORE Pyodide loads, so no Python code ever sees it.
import childProcess from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants as fsConstants, readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

// mode 'make': boot fresh, set up the Python world, post a memory snapshot of it and stop (the host hands it to the
// parent, which stores it; this worker never runs a snippet). mode 'serve': boot from the snapshot bytes or file
// when given (falling back to a fresh boot if it is missing, torn or refused), then serve snippets.
const { memoryBytes, stdoutLimit, interruptBuffer, pyodideUrl, mode = 'serve', snapshot, snapshotPath } = workerData;

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

// Options that shape the interpreter: a snapshot restores into whatever these give, so making and restoring use the same.
const bootOptions = () => ({
  jsglobals: Object.create(null), // `import js` sees an empty object instead of globalThis
  env: { HOME: '/home/sandbox' },
  stdout: () => {},
  stderr: () => {},
  checkAPIVersion: true,
});

// Everything below up to the runner is JS-side state of this Pyodide instance (Emscripten's SOCKFS, the stream
// devices, the interrupt buffer, the wasm function table): none of it is in a memory snapshot, so it is applied
// on every boot, fresh or restored.
function refuseSockets(pyodide) {
  // Sockets in Emscripten are WebSockets under the hood; without these a Python socket reached a loopback port.
  const EPERM = 63; // Emscripten's errno numbering
  const refuse = () => {
    throw new pyodide.FS.ErrnoError(EPERM);
  };
  const sockOps = pyodide._module.SOCKFS.websocket_sock_ops;
  for (const name of ['connect', 'bind', 'listen', 'accept', 'sendmsg', 'createPeer']) sockOps[name] = refuse;
}

function dropLoaderModule(pyodide) {
  // `pyodide_js` hands Python the whole loader API (mountNodeFS, loadPackage, the Emscripten module). A restored
  // interpreter was snapshotted without it (its registry lives in the wasm heap), so here it is normally absent.
  try {
    pyodide.unregisterJsModule('pyodide_js');
  } catch {
    // not registered: the snapshot was made after the same call
  }
  pyodide.runPython(`
import sys
sys.modules.pop('pyodide_js', None)
`);
}

if (mode === 'make') {
  const pyodide = await loadPyodide({ ...bootOptions(), _makeSnapshot: true });
  refuseSockets(pyodide);
  dropLoaderModule(pyodide);
  setUpRunner(pyodide);
  const bytes = pyodide.makeMemorySnapshot();
  parentPort.postMessage({ type: 'snapshot', bytes }, [bytes.buffer]);
} else {
  if (snapshot || snapshotPath) {
    const pyodide = await restore();
    if (pyodide) serve(pyodide, true);
    else parentPort.on('message', () => {}); // refused: stay until the host, told so, terminates this worker
  } else {
    const pyodide = await loadPyodide(bootOptions());
    refuseSockets(pyodide);
    dropLoaderModule(pyodide);
    setUpRunner(pyodide);
    serve(pyodide, false);
  }
}

// A restored interpreter, hardened like a fresh one and checked: the runner must answer a probe snippet exactly
// as a fresh one does. Any failure (a missing, torn or damaged file, Pyodide refusing the bytes, a heap without the
// runner) is reported to the host, which has a new snapshot made (or boots this slot fresh) instead.
async function restore() {
  try {
    const bytes = snapshot ?? readSnapshotFile(snapshotPath);
    const pyodide = await loadPyodide({ ...bootOptions(), _loadSnapshot: bytes });
    refuseSockets(pyodide);
    dropLoaderModule(pyodide);
    // Every restored worker starts from the same heap: reseed `random` (imported by statistics) from the OS, as a
    // fresh boot would have; without a name bound in __main__. (The str hash secret stays the snapshot's.)
    pyodide.runPython(`__import__('random').seed()`);
    const probe = pyodide.runPython(`_forge_run('result = [sum(values), sorted({3, 1, 2}), str(1/4)]', '{"values": [1, 2, 3]}')`);
    if (probe !== '{"ok": true, "result": [6, [1, 2, 3], "0.25"]}') throw new Error(`probe answered ${String(probe).slice(0, 200)}`);
    return pyodide;
  } catch (error) {
    parentPort.postMessage({ type: 'snapshot-refused', message: String(error?.message ?? error).slice(0, 500) });
    return undefined;
  }
}

// The file the parent writes (start-python-sandbox.ts): a 64-byte header (magic, body length, SHA-1 of the body: a
// check against a torn or damaged file, not a signature) then Pyodide's snapshot bytes.
function readSnapshotFile(path) {
  const file = readFileSync(path);
  if (file.length <= 64 || file.toString('latin1', 0, 8) !== 'FORGEPY1') throw new Error('not a snapshot file');
  const body = file.subarray(64);
  if (file.readUInt32LE(8) !== body.length) throw new Error('snapshot file is torn');
  if (!createHash('sha1').update(body).digest().equals(file.subarray(12, 32))) throw new Error('snapshot checksum mismatch');
  return body;
}

// The Python side of a worker up to the runner, the part a snapshot holds.
function setUpRunner(pyodide) {
  // The runner lives in Python so the snippet's namespace, exception and result conversion never cross as proxies.
  pyodide.runPython(`
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

import builtins, gc, operator, sys

def _forge_make_runner():
    # Everything the runner calls is bound here, once: a snippet can rebind names in __main__ or builtins
    # (import __main__, builtins.len = ...), and the next call's restore must not run what it left there.
    _len, _any, _map, _dict, _exec, _compile, _is_not, _RuntimeError = len, any, map, dict, exec, compile, operator.is_not, RuntimeError
    _jsonable, _loads, _dumps, _format_exception = _forge_jsonable, json.loads, json.dumps, traceback.format_exception
    _collect, _isenabled, _enable, _get_threshold, _set_threshold = gc.collect, gc.isenabled, gc.enable, gc.get_threshold, gc.set_threshold
    _settrace, _setprofile, _getrecursionlimit, _setrecursionlimit = sys.settrace, sys.setprofile, sys.getrecursionlimit, sys.setrecursionlimit
    _get_digits, _set_digits, _get_tool, _free_tool = sys.get_int_max_str_digits, sys.set_int_max_str_digits, sys.monitoring.get_tool, sys.monitoring.free_tool_id
    modules = sys.modules
    world = {}
    cache = {}

    def snapshot():
        # The pristine world, __main__ (this runner) included; keys and values as tuples so the per-call check is
        # an identity comparison run in C (map(is_not)), not a Python loop over some 10,000 entries (nor ==,
        # which a planted object's __eq__ could answer).
        pristine = _dict(modules)
        saved = [(modules, pristine)] + [(module.__dict__, _dict(module.__dict__)) for module in pristine.values() if module is not None and hasattr(module, '__dict__')]
        world['dicts'] = [(current, copy, tuple(copy), tuple(copy.values())) for current, copy in saved]
        world['builtins'] = _dict(builtins.__dict__)
        world['limits'] = (_getrecursionlimit(), _get_digits(), _get_threshold())
        world['tools'] = [tool for tool in range(6) if _get_tool(tool) is None]

    def changed(current, keys, values):
        return _len(current) != _len(keys) or _any(_map(_is_not, current, keys)) or _any(_map(_is_not, current.values(), values))

    def restore():
        # Dropping a planted object can run its __del__, which could change a dict already restored: pass again.
        for attempt in (1, 2, 3):
            if not restore_pass():
                return
        raise _RuntimeError('the interpreter state could not be restored')

    def restore_pass():
        touched = False
        for current, saved, keys, values in world['dicts']:
            if changed(current, keys, values):
                touched = True
                # clear, not del of the extra keys: deleting hashes a key, and a planted key's __hash__ is code.
                current.clear()
                current.update(saved)
        reset_interpreter()
        return touched

    def reset_interpreter():
        # Interpreter state a snippet can set that lives in no module dict.
        limits = world['limits']
        _settrace(None)
        _setprofile(None)
        if not _isenabled():
            _enable()
        _set_threshold(*limits[2])
        if _getrecursionlimit() != limits[0]:
            _setrecursionlimit(limits[0])
        if _get_digits() != limits[1]:
            _set_digits(limits[1])
        for tool in world['tools']:
            if _get_tool(tool) is not None:
                _free_tool(tool)

    def compiled(code):
        # Code objects are immutable, so one compile per distinct snippet (plans repeat a few dozen) serves every
        # later call; bounded (64 texts of at most 20 kB) so one-off snippets cannot pile up inside the memory cap.
        found = cache.get(code)
        if found is None:
            found = _compile(code, '<snippet>', 'exec')
            if _len(code) <= 20_000:
                if _len(cache) >= 64:
                    cache.clear()
                cache[code] = found
        return found

    def run(code, inputs_json):
        # The caller has already collected and, where a watched dict changed, restored (see the message handler).
        reset_interpreter()
        namespace = {'__name__': '__main__', '__builtins__': _dict(world['builtins']), 'json': json, 'math': math, 'statistics': statistics}
        try:
            return execute(code, inputs_json, namespace)
        finally:
            # The snippet's objects die inside its own call, __del__ of cycles included: their prints land in its
            # stdout and their loops in its time limit, not in a later caller's.
            namespace.clear()
            _collect()

    def execute(code, inputs_json, namespace):
        namespace.update(_loads(inputs_json))
        try:
            _exec(compiled(code), namespace)
            value = namespace.get('result')
            return _dumps({'ok': True, 'result': _jsonable(value)}, allow_nan=False)
        except BaseException as error:
            frames = _format_exception(type(error), error, error.__traceback__)
            kept = [frame for frame in frames if 'File "<exec>"' not in frame]
            return _dumps({'ok': False, 'errorType': type(error).__name__, 'message': str(error)[:2000],
                           'traceback': ''.join(kept)[-4000:]})

    def watched():
        # Addresses of the dicts the reset covers (sys.modules and every module dict), for the dict watcher; id() is
        # the object's address in CPython.
        return [id(current) for current, _saved, _keys, _values in world['dicts']]

    return run, snapshot, _collect, restore, watched

_forge_run, _forge_snapshot, _forge_collect, _forge_restore, _forge_watched = _forge_make_runner()
del _forge_make_runner
_forge_snapshot()
# Setup's objects go to the permanent generation: the per-call gc.collect() then scans only what snippets made.
gc.collect()
gc.freeze()
`);
}

function serve(pyodide, restored) {
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

  // The runner's handles, read from __main__ before any snippet ran (set up by setUpRunner here or in the worker
  // that made the snapshot; a snippet rebinding these names later does not reach the ones held here).
  const runner = pyodide.runPython('(_forge_run, _forge_collect, _forge_restore, _forge_watched())');
  const runSnippet = runner.get(0);
  const collectGarbage = runner.get(1);
  const restoreWorld = runner.get(2);
  const watchedDicts = runner.get(3).toJs();
  runner.destroy();

  // The reset's identity check of some 10,000 module-dict entries cost 1-2.5 ms a call (issue 14). CPython 3.12+
  // notifies dict watchers of every mutation of a watched dict (insert, update, delete, clear, pop, setdefault; the
  // specialising interpreter relies on it for globals), so a watcher on each covered dict tells whether anything
  // changed one since the last clean check: if nothing did, the check would find nothing and is skipped. Any
  // change, by the snippet, by its finalisers or by callbacks run between calls, runs the full check and restore as
  // before. Should the watcher not install, every call runs the full check.
  //
  // A watcher sees every change made through the dict API, not raw memory writes: those need ctypes (the one
  // primitive for them in the sandbox; with it a snippet could also call PyDict_Unwatch). So the module's init
  // function is wrapped in the function table: from the moment `_ctypes` is initialised in this worker (an import,
  // or `_imp.create_builtin`, which bypasses sys.modules), every call runs the full check again, as before.
  let worldChanged = true;
  let ctypesLoaded = false;
  const watching = watchCtypes() && watchWorld(watchedDicts);

  function watchCtypes() {
    const module = pyodide._module;
    try {
      const table = module.wasmTable;
      const index = module.getFunctionAddress(module._PyInit__ctypes);
      if (!index) return false;
      const original = table.get(index);
      const wrapper = module.addFunction(() => {
        ctypesLoaded = true;
        return original();
      }, 'i');
      table.set(index, table.get(wrapper));
      return table.get(index) !== original;
    } catch {
      return false;
    }
  }

  function watchWorld(pointers) {
    const module = pyodide._module;
    try {
      // int callback(PyDict_WatchEvent event, PyObject *dict, PyObject *key, PyObject *new_value)
      const callback = module.addFunction(() => {
        worldChanged = true;
        return 0;
      }, 'iiiii');
      const watcher = module._PyDict_AddWatcher(callback);
      if (watcher < 0) {
        module._PyErr_Clear();
        return false;
      }
      for (const pointer of pointers) {
        if (module._PyDict_Watch(watcher, pointer) !== 0) {
          module._PyErr_Clear();
          return false;
        }
      }
      return true;
    } catch {
      return false;
    }
  }

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
      // Whatever ran since the last call (the snippet, its finalisers, event-loop callbacks it scheduled) is undone
      // before this one: garbage first (a __del__ may change a module), then the check and restore if a watched dict
      // changed. The restore's last pass changes nothing, so the world is clean when it returns.
      collectGarbage();
      if (worldChanged || !watching || ctypesLoaded) {
        restoreWorld();
        worldChanged = false;
      }
      const outcome = JSON.parse(runSnippet(message.code, message.inputsJson));
      reply = { type: 'done', id: message.id, ...outcome, stdout: takeStdout() };
    } catch (error) {
      // Reaching here means the interpreter itself failed (e.g. a JS stack overflow); the host replaces this worker.
      reply = { type: 'fatal', id: message.id, message: String(error?.message ?? error).slice(0, 2000), stdout: takeStdout() };
    }
    parentPort.postMessage(reply);
  });

  parentPort.postMessage({ type: 'ready', restored, bootMs: Math.round(performance.now()) }); // ms since this worker started
}
