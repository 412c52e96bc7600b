import { ConfigError } from '@forge/errors';
import { runServerMain } from '@forge/mcp-host';
import { createPythonServer } from './create-python-server.ts';
import { PythonSandboxOptionsSchema } from './sandbox/python-sandbox-options.ts';
import { startPythonSandbox, type PythonSandbox } from './sandbox/start-python-sandbox.ts';

// The sandbox is its own restricted Node process (permission flags, plain .mjs) started by startPythonSandbox:
// tsx cannot run under --experimental-permission (it spawns esbuild), so this entry stays an ordinary one.
// One sandbox per process, shared by every HTTP session's McpServer. It boots on the first call (the health
// probe, or the first plan's python step), so a server nobody asks for Python costs no Pyodide start.

const ENV_NAMES = {
  timeoutMs: 'PYTHON_SANDBOX_TIMEOUT_MS',
  memoryMb: 'PYTHON_SANDBOX_MEMORY_MB',
  poolSize: 'PYTHON_SANDBOX_POOL_SIZE',
} as const;

function readSandboxOptions(env: Record<string, string | undefined>) {
  const candidate: Record<string, number | undefined> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) candidate[key] = env[name] === undefined ? undefined : Number(env[name]);
  const parsed = PythonSandboxOptionsSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0]) as keyof typeof ENV_NAMES;
    throw new ConfigError({ field: ENV_NAMES[key], expected: issue.message, received: env[ENV_NAMES[key]] });
  }
  return parsed.data;
}

let sandbox: PythonSandbox;
try {
  sandbox = startPythonSandbox(readSandboxOptions(process.env));
} catch (error) {
  process.stderr.write(`[python] error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

await runServerMain({
  name: 'python',
  create: () => createPythonServer(sandbox),
});
