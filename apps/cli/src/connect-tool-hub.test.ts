import { describe, expect, it, vi } from 'vitest';
import { ToolHub, ToolHubError, inventorySha256, type ToolSpec } from '@forge/tools';
import { createToolWorld } from '@forge/tool-world';
import { DEFAULT_DATA_DIR } from '@forge/mcp-host';
import { DEFAULT_SNAPSHOT_ID, snapshotDir } from '@forge/snapshot';
import { inProcessInventory, openToolHub, type ConnectToolHubOptions, type ConnectedTools } from './connect-tool-hub.ts';

const inProcess: ConnectToolHubOptions = { configDir: 'mcp_servers/configs', inProcess: true, backend: 'snapshot', environment: {} };
const spec = (tool: string): ToolSpec => ({ server: 'fmp', tool, description: tool, inputSchema: { type: 'object' } });

/** A connect that hands back a hub serving `inventory`, counting its calls and closes. */
function fakeConnect(inventory: ToolSpec[]) {
  const closed = vi.fn(async () => undefined);
  const call = vi.fn(async () => ({ ok: true as const, structuredContent: { price: 1 }, text: '1', latencyMs: 0 }));
  const hub = { inventory: () => inventory, inventorySha256: () => inventorySha256(inventory), call } as unknown as ToolHub;
  const connect = vi.fn(async (): Promise<ConnectedTools> => ({ hub, close: closed }));
  return { connect, closed, call };
}

describe('inProcessInventory', () => {
  // The content-cache key holds the inventory sha256: the backend-less servers must list exactly what the tool world serves.
  it('is the inventory the in-process tool world serves, without loading a snapshot', async () => {
    const world = await createToolWorld({ snapshotDir: snapshotDir('.', DEFAULT_SNAPSHOT_ID), dataDir: DEFAULT_DATA_DIR, backend: 'snapshot', env: {} });
    const hub = await ToolHub.inMemory(world.servers);
    try {
      const inventory = await inProcessInventory();
      expect(inventory.length).toBeGreaterThan(10);
      expect(inventory).toEqual(hub.inventory());
    } finally {
      await hub.close();
      await world.close();
    }
  });
});

describe('openToolHub', () => {
  it('in-process: connects nothing until connect(), then once; close is a no-op when never connected', async () => {
    const inventory = [spec('fmp_get_quote')];
    const { connect, closed, call } = fakeConnect(inventory);
    const tools = await openToolHub(inProcess, { connect, inventory: async () => inventory });
    expect(tools.tools.inventory()).toEqual(inventory);
    expect(tools.tools.inventorySha256()).toMatch(/^[0-9a-f]{64}$/);
    expect(connect).not.toHaveBeenCalled();
    expect(tools.started).toBe(false);
    await tools.close();
    expect(closed).not.toHaveBeenCalled();

    await Promise.all([tools.connect(), tools.connect()]);
    expect(await tools.tools.call('fmp', 'fmp_get_quote', { symbol: 'AAPL' })).toMatchObject({ ok: true });
    expect(connect).toHaveBeenCalledTimes(1);
    expect(call).toHaveBeenCalledWith('fmp', 'fmp_get_quote', { symbol: 'AAPL' }, undefined);
    await tools.close();
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it('in-process: a failed health gate rejects every connect() with its error; a call answers a transport error', async () => {
    const down = new ToolHubError({ problem: 'in-process MCP servers not healthy: python (probe failed)' });
    const connect = vi.fn(async (): Promise<ConnectedTools> => Promise.reject(down));
    const tools = await openToolHub(inProcess, { connect, inventory: async () => [spec('fmp_get_quote')] });
    await expect(tools.connect()).rejects.toBe(down);
    await expect(tools.connect()).rejects.toBe(down);
    expect(await tools.tools.call('fmp', 'fmp_get_quote', {})).toMatchObject({ ok: false, kind: 'transport_error', error: down.message });
    expect(connect).toHaveBeenCalledTimes(1);
    await tools.close();
  });

  it('in-process: refuses a hub that serves another inventory than the keys were made with', async () => {
    const { connect, closed } = fakeConnect([spec('fmp_get_quote'), spec('fmp_other')]);
    const tools = await openToolHub(inProcess, { connect, inventory: async () => [spec('fmp_get_quote')] });
    await expect(tools.connect()).rejects.toThrow(/serve another inventory/);
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it('running servers (not in-process) are connected at once, their inventory is theirs', async () => {
    const served = [spec('fmp_get_quote'), spec('fmp_other')];
    const { connect } = fakeConnect(served);
    const inventory = vi.fn(async () => [spec('fmp_get_quote')]);
    const tools = await openToolHub({ ...inProcess, inProcess: false }, { connect, inventory });
    expect(connect).toHaveBeenCalledTimes(1);
    expect(inventory).not.toHaveBeenCalled();
    expect(tools.tools.inventory()).toEqual(served);
  });

  it('refuses an unknown MCP_BACKEND before anything is built', async () => {
    const { connect } = fakeConnect([]);
    await expect(openToolHub({ ...inProcess, backend: 'nope' }, { connect })).rejects.toThrow(/MCP_BACKEND/);
    expect(connect).not.toHaveBeenCalled();
  });
});
