import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { linkInMemory } from '@forge/mcp-host';
import { describe, expect, it } from 'vitest';
import { createPythonServer, PythonSandboxError, type PythonRunOutput, type PythonRunRequest, type PythonSandbox } from './index.ts';

/** Answers from a script and records what the tool asked it to run. */
class FakeSandbox implements Pick<PythonSandbox, 'run'> {
  readonly requests: PythonRunRequest[] = [];
  constructor(private readonly answer: (request: PythonRunRequest) => PythonRunOutput) {}
  async run(request: PythonRunRequest): Promise<PythonRunOutput> {
    this.requests.push(request);
    return this.answer(request);
  }
}

function connect(sandbox: Pick<PythonSandbox, 'run'>): Promise<Client> {
  return linkInMemory(createPythonServer(sandbox), 'python-unit');
}

describe('createPythonServer', () => {
  it('passes code and inputs through and returns result plus stdout', async () => {
    const sandbox = new FakeSandbox(() => ({ result: { mean: 2 }, stdout: 'ok\n' }));
    const client = await connect(sandbox);
    const called = (await client.callTool({ name: 'execute_python', arguments: { code: 'result = 1', inputs: { prices: '[1,2,3]' } } })) as {
      structuredContent: unknown;
      content: Array<{ text: string }>;
    };
    expect(called.structuredContent).toEqual({ result: { mean: 2 }, stdout: 'ok\n' });
    expect(called.content[0].text).toContain('"mean":2');
    expect(sandbox.requests).toEqual([{ code: 'result = 1', inputs: { prices: '[1,2,3]' } }]);
    await client.close();
  });

  it('turns a sandbox failure into an isError result carrying the Python error', async () => {
    const sandbox = new FakeSandbox(() => {
      throw new PythonSandboxError({ kind: 'timeout', errorType: 'TimeoutError', message: 'wall-clock limit of 5000 ms exceeded' });
    });
    const client = await connect(sandbox);
    const called = (await client.callTool({ name: 'execute_python', arguments: { code: 'while True: pass' } })) as { isError?: boolean; content: Array<{ text: string }> };
    expect(called.isError).toBe(true);
    expect(called.content[0].text).toContain('python timeout: TimeoutError');
    await client.close();
  });

  it('rejects input names that are not Python identifiers before running anything', async () => {
    const sandbox = new FakeSandbox(() => ({ result: null, stdout: '' }));
    const client = await connect(sandbox);
    const called = (await client.callTool({ name: 'execute_python', arguments: { code: 'result = 1', inputs: { 'not-a-name': 1 } } })) as { isError?: boolean };
    expect(called.isError).toBe(true);
    expect(sandbox.requests).toHaveLength(0);
    await client.close();
  });
});
