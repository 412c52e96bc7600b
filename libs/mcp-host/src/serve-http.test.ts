import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { serveHttp, type HttpHandle } from '@forge/mcp-host';
import { createEchoServer } from './__fixtures__/echo-server.ts';

const handles: HttpHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()));
});

async function start(): Promise<HttpHandle> {
  const handle = await serveHttp(() => createEchoServer(), { host: '127.0.0.1', port: 0, name: 'echo' });
  handles.push(handle);
  return handle;
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ name: 'test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

describe('serveHttp', () => {
  it('serves tools/list and tools/call to a real client over Streamable HTTP', async () => {
    const handle = await start();
    expect(handle.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = await connect(handle.url);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['echo']);
    expect(tools[0].outputSchema).toBeDefined();
    const result = await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    expect(result.structuredContent).toEqual({ text: 'hi', server: 'echo' });
    await client.close();
  });

  it('gives each client its own session', async () => {
    const handle = await start();
    const [first, second] = await Promise.all([connect(handle.url), connect(handle.url)]);
    const health = await (await fetch(handle.url.replace('/mcp', '/health'))).json();
    expect(health).toMatchObject({ ok: true, name: 'echo', sessions: 2 });
    await Promise.all([first.close(), second.close()]);
  });

  it('answers GET /health with 200 JSON', async () => {
    const handle = await start();
    const response = await fetch(handle.url.replace('/mcp', '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
  });

  it('rejects a request without a session that is not an initialize request', async () => {
    const handle = await start();
    const response = await fetch(handle.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(400);
  });

  it('answers 404 for an unknown session id, so clients know to reconnect', async () => {
    const handle = await start();
    const response = await fetch(handle.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': 'gone' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(404);
  });

  it('refuses a foreign Host or Origin (DNS rebinding)', async () => {
    const handle = await start();
    const { request } = await import('node:http');
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const call = request(handle.url.replace('/mcp', '/health'), { headers }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        call.on('error', reject);
        call.end();
      });
    expect(await status({ host: 'evil.example' })).toBe(403);
    expect(await status({ origin: 'http://evil.example' })).toBe(403);
    expect(await status({ origin: 'http://localhost:3000' })).toBe(200);
  });

  it('stops accepting connections after close', async () => {
    const handle = await serveHttp(() => createEchoServer(), { host: '127.0.0.1', port: 0 });
    await handle.close();
    await expect(fetch(handle.url.replace('/mcp', '/health'))).rejects.toThrow();
  });
});
