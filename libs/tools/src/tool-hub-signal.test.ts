import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ToolHub } from '@forge/tools';
import { createTestServer, createTestServerState } from './__fixtures__/test-server.ts';

const hubs: ToolHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

async function hub(): Promise<ToolHub> {
  const state = createTestServerState();
  const created = await ToolHub.inMemory([{ name: 'alpha', server: () => createTestServer('alpha', state), expected_tools: ['echo'] }]);
  hubs.push(created);
  return created;
}

// Issue 19 item 11: the SDK adds an abort listener to a request's signal and never removes it, so passing the run's
// signal straight through kept every tool call of a run reachable from it; generate's memory grew with the catalog.
describe('ToolHub with a run signal', () => {
  it('leaves no listener on the run signal after its calls finish', async () => {
    const tools = await hub();
    const run = new AbortController();
    for (let call = 0; call < 25; call += 1) {
      expect((await tools.call('alpha', 'echo', { text: `hi ${call}` }, { signal: run.signal })).ok).toBe(true);
    }
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it('still aborts an in-flight call when the run signal aborts', async () => {
    const tools = await hub();
    const run = new AbortController();
    const pending = tools.call('alpha', 'hang', {}, { signal: run.signal });
    setTimeout(() => run.abort(), 20);
    const result = await pending;
    expect(result).toMatchObject({ ok: false, kind: 'transport_error', error: expect.stringContaining('aborted (the run is stopping)') });
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });
});
