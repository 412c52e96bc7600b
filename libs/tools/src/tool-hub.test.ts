import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToolHub, inventorySha256 } from '@forge/tools';
import { createTestServer, createTestServerState } from './__fixtures__/test-server.ts';

const hubs: ToolHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

async function hubWith(options: Parameters<typeof ToolHub.inMemory>[1] = {}, state = createTestServerState()) {
  const hub = await ToolHub.inMemory(
    [
      { name: 'alpha', server: () => createTestServer('alpha', state), expected_tools: ['echo'], probe: { tool: 'echo', arguments: { text: 'p' } } },
      { name: 'beta', server: () => createTestServer('beta', state), expected_tools: ['echo', 'missing_tool'] },
    ],
    options,
  );
  hubs.push(hub);
  return { hub, state };
}

describe('ToolHub (in-memory)', () => {
  it('lists every tool with input and output schemas, ordered by server then tool', async () => {
    const { hub } = await hubWith();
    const inventory = hub.inventory();
    expect(inventory.map((spec) => `${spec.server}.${spec.tool}`)).toEqual([
      'alpha.echo', 'alpha.fail', 'alpha.gate', 'alpha.hang', 'alpha.text_only',
      'beta.echo', 'beta.fail', 'beta.gate', 'beta.hang', 'beta.text_only',
    ]);
    const echo = inventory[0];
    expect(echo.description).toBe('Returns its text.');
    expect(echo.inputSchema).toMatchObject({ type: 'object', properties: { text: { type: 'string' } } });
    expect(echo.outputSchema).toMatchObject({ properties: { server: { type: 'string' } } });
  });

  it('returns structuredContent for a good call', async () => {
    const { hub } = await hubWith();
    const result = await hub.call('beta', 'echo', { text: 'hello' });
    expect(result).toMatchObject({ ok: true, structuredContent: { text: 'hello', server: 'beta' }, text: 'hello' });
  });

  it('maps an isError result to tool_error with its text, without retrying', async () => {
    const { hub, state } = await hubWith();
    const result = await hub.call('alpha', 'fail', {});
    expect(result).toMatchObject({ ok: false, kind: 'tool_error' });
    expect(!result.ok && result.error).toMatch(/unknown symbol XYZQ/);
    expect(state.calls.fail).toBe(1);
  });

  it('treats a reply without structuredContent as a tool error', async () => {
    const { hub } = await hubWith();
    expect(await hub.call('alpha', 'text_only', {})).toMatchObject({ ok: false, kind: 'tool_error' });
  });

  it('treats invalid arguments as a tool error', async () => {
    const { hub } = await hubWith();
    expect(await hub.call('alpha', 'echo', { text: 42 })).toMatchObject({ ok: false, kind: 'tool_error' });
  });

  it('answers an unknown server or tool without throwing', async () => {
    const { hub } = await hubWith();
    expect(await hub.call('gamma', 'echo', {})).toMatchObject({ ok: false, kind: 'tool_error', error: expect.stringMatching(/unknown server gamma/) });
    expect(await hub.call('alpha', 'nope', {})).toMatchObject({ ok: false, kind: 'tool_error' });
  });

  it('gives up on a call that outlives its timeout, as kind timeout, without retrying', async () => {
    const { hub, state } = await hubWith({ callTimeoutMs: 50 });
    const result = await hub.call('alpha', 'hang', {});
    expect(result).toMatchObject({ ok: false, kind: 'timeout' });
    expect(state.calls.hang).toBe(1);
    state.release();
  });

  it('keeps at most `concurrency` calls in flight per server', async () => {
    const { hub, state } = await hubWith({ concurrency: 2 });
    const calls = Array.from({ length: 5 }, () => hub.call('alpha', 'gate', {}));
    await vi.waitFor(() => expect(state.inFlight).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(state.calls.gate).toBe(2);
    state.release();
    const results = await Promise.all(calls);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(state.maxInFlight).toBe(2);
  });

  it('reports health per server, naming missing tools', async () => {
    const { hub } = await hubWith();
    const [alpha, beta] = await hub.health();
    expect(alpha).toMatchObject({ server: 'alpha', ok: true, url: 'in-memory', missing_tools: [] });
    expect(beta).toMatchObject({ server: 'beta', ok: false, missing_tools: ['missing_tool'], reason: 'missing tools: missing_tool' });
  });

  it('hashes the inventory independently of order, and differently when a schema changes', async () => {
    const { hub } = await hubWith();
    const inventory = hub.inventory();
    expect(hub.inventorySha256()).toBe(inventorySha256([...inventory].reverse()));
    const changed = inventory.map((spec, index) => (index === 0 ? { ...spec, inputSchema: { ...spec.inputSchema, required: [] } } : spec));
    expect(inventorySha256(changed)).not.toBe(hub.inventorySha256());
  });
});
