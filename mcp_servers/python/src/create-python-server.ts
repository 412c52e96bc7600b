import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerExecutePython } from './execute-python.ts';
import type { PythonSandbox } from './sandbox/start-python-sandbox.ts';

/** Builds the python MCP server over a sandbox; the caller owns (and closes) the sandbox, shared across sessions. */
export function createPythonServer(sandbox: Pick<PythonSandbox, 'run'>): McpServer {
  const server = new McpServer({ name: 'python', version: '0.1.0' });
  registerExecutePython(server, sandbox);
  return server;
}
