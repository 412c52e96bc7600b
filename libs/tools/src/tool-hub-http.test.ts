import { afterEach, describe, expect, it } from 'vitest';
import { serveHttp, type HttpHandle } from '@forge/mcp-host';
import { ToolHub, ToolHubError, freePort } from '@forge/tools';
import { createTestServer } from './__fixtures__/test-server.ts';
import { testServerConfig } from './__fixtures__/test-config.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(port: number): Promise<HttpHandle> {
  const handle = await serveHttp(() => createTestServer(`test-${port}`), { host: '127.0.0.1', port });
  let closed = false;
  const close = handle.close;
  handle.close = async () => {
    if (closed) return;
    closed = true;
    await close();
  };
  cleanups.push(() => handle.close());
  return handle;
}

async function connect(port: number, options: Parameters<typeof ToolHub.connect>[1]) {
  const hub = await ToolHub.connect([testServerConfig('test', port)], options);
  cleanups.push(() => hub.close());
  return hub;
}

describe('ToolHub over Streamable HTTP', () => {
  it('calls a tool on a running server', async () => {
    const port = await freePort();
    await serve(port);
    const hub = await connect(port, {});
    expect(await hub.call('test', 'echo', { text: 'x' })).toMatchObject({ ok: true, structuredContent: { text: 'x' } });
  });

  it('refuses to connect when a required server is down, naming it and its URL', async () => {
    const port = await freePort();
    const error = await ToolHub.connect([testServerConfig('test', port)], { connectTimeoutMs: 2_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ToolHubError);
    expect((error as Error).message).toContain(`test at http://127.0.0.1:${port}/mcp`);
  });

  it('retries a transport failure with exponential backoff, then reports transport_error', async () => {
    const port = await freePort();
    const handle = await serve(port);
    const delays: number[] = [];
    const hub = await connect(port, { retries: 2, baseDelayMs: 100, sleep: async (ms) => void delays.push(ms) });
    await handle.close();
    const result = await hub.call('test', 'echo', { text: 'x' });
    expect(result).toMatchObject({ ok: false, kind: 'transport_error' });
    expect(!result.ok && result.error).toMatch(/after 3 attempts/);
    expect(delays).toEqual([100, 200]);
  });

  it('reconnects with a fresh session after the server restarts', async () => {
    const port = await freePort();
    const first = await serve(port);
    const delays: number[] = [];
    const hub = await connect(port, { retries: 3, sleep: async (ms) => void delays.push(ms) });
    expect((await hub.call('test', 'echo', { text: 'before' })).ok).toBe(true);
    await first.close();
    await serve(port);
    // The old session id is unknown to the new process: 404, a transport error, so the hub reconnects.
    const result = await hub.call('test', 'echo', { text: 'after' });
    expect(result).toMatchObject({ ok: true, structuredContent: { text: 'after' } });
    expect(delays).toHaveLength(1);
  });

  it('never retries a tool error', async () => {
    const port = await freePort();
    await serve(port);
    const delays: number[] = [];
    const hub = await connect(port, { sleep: async (ms) => void delays.push(ms) });
    expect(await hub.call('test', 'fail', {})).toMatchObject({ ok: false, kind: 'tool_error' });
    expect(delays).toEqual([]);
  });

  it('reports health with the URL and reason of a server that is down', async () => {
    const port = await freePort();
    const hub = await connect(port, { requireAll: false, connectTimeoutMs: 2_000 });
    const [health] = await hub.health();
    expect(health).toMatchObject({ server: 'test', ok: false, url: `http://127.0.0.1:${port}/mcp`, missing_tools: ['echo', 'fail'] });
    expect(health.reason).toMatch(/cannot list tools: .*(ECONNREFUSED|fetch failed)/);
  });
});

describe('ToolHub over stdio', () => {
  it('starts the server entry as a child and calls it', async () => {
    const hub = await ToolHub.connect([testServerConfig('test', 1)], { transport: 'stdio', stdioStderr: 'ignore' });
    cleanups.push(() => hub.close());
    expect(await hub.call('test', 'echo', { text: 'piped' })).toMatchObject({ ok: true, structuredContent: { text: 'piped' } });
    const [health] = await hub.health();
    expect(health).toMatchObject({ ok: true, url: expect.stringMatching(/^stdio: node --import tsx .*test-server-main\.ts/) });
  });
});
