import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { PythonSandbox } from './sandbox/start-python-sandbox.ts';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const ExecutePythonInputSchema = z.object({
  code: z.string().min(1).max(100_000).describe('Python 3 source; json, math and statistics are pre-imported; set a variable named result'),
  inputs: z
    .record(
      z
        .string()
        .regex(IDENTIFIER, 'a Python identifier')
        .refine((name) => !name.startsWith('__'), 'not a dunder name')
        .describe('variable name'),
      z.unknown().describe('value bound as given (JSON text stays a str: use json.loads)'),
    )
    .optional()
    .describe('variables bound before the code runs'),
});

export const ExecutePythonOutputSchema = z.object({
  result: z.unknown().describe('the variable result after the code ran, JSON-converted (dict/list/str/number/bool/None); null if unset'),
  stdout: z.string().describe('what the code printed (cut after the sandbox limit)'),
});
export type ExecutePythonOutput = z.infer<typeof ExecutePythonOutputSchema>;

const TEXT_LIMIT = 2_000;

/** Registers `execute_python`; a failing snippet or a hit limit becomes an isError result. */
export function registerExecutePython(server: McpServer, sandbox: Pick<PythonSandbox, 'run'>): void {
  server.registerTool(
    'execute_python',
    {
      description:
        'Run a short Python 3 snippet in a sandbox (no files, network or processes; wall-clock and memory limits) and return the variable `result` plus stdout.',
      inputSchema: ExecutePythonInputSchema.shape,
      outputSchema: ExecutePythonOutputSchema.shape,
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    async ({ code, inputs }) => {
      const output = await sandbox.run({ code, inputs });
      const structured: ExecutePythonOutput = { result: output.result ?? null, stdout: output.stdout };
      const text = `result: ${JSON.stringify(structured.result)}${output.stdout ? `\nstdout: ${output.stdout}` : ''}`;
      return {
        structuredContent: structured,
        content: [{ type: 'text', text: text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 1)}…` : text }],
      };
    },
  );
}
