import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNxCacheServer, type NxCacheServer } from './nx-cache-server.ts';

let dir: string;
let server: NxCacheServer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nx-cache-server-'));
  server = await startNxCacheServer({ dir, token: 'write-token-123', readOnlyTokens: ['read-token-456'] });
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const call = (method: string, path: string, token?: string, body?: Buffer) =>
  fetch(`${server.url}${path}`, { method, body, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('the self-hosted Nx cache contract (GET/PUT /v1/cache/{hash})', () => {
  it('stores an archive once, serves it back byte for byte and refuses to override it (409)', async () => {
    const archive = Buffer.from([0x1f, 0x8b, 0, 1, 2, 3, 255]);
    expect((await call('GET', '/v1/cache/123456', 'write-token-123')).status).toBe(404);
    expect((await call('PUT', '/v1/cache/123456', 'write-token-123', archive)).status).toBe(200);
    const read = await call('GET', '/v1/cache/123456', 'read-token-456');
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await read.arrayBuffer()).equals(archive)).toBe(true);
    expect((await call('PUT', '/v1/cache/123456', 'write-token-123', Buffer.from('other'))).status).toBe(409);
    expect(server.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['GET 404', 'PUT 200', 'GET 200', 'PUT 409']);
  });

  it('answers 401 without a valid bearer token and 403 to a read-only token that writes', async () => {
    expect((await call('GET', '/v1/cache/1')).status).toBe(401);
    expect((await call('GET', '/v1/cache/1', 'wrong-token')).status).toBe(401);
    expect((await call('PUT', '/v1/cache/1', 'read-token-456', Buffer.from('x'))).status).toBe(403);
    expect((await call('GET', '/v1/cache/1', 'write-token-123')).status).toBe(404);
  });

  it('never lets a hash reach outside its folder', async () => {
    expect((await call('GET', '/v1/cache/..%2F..%2Fetc%2Fpasswd', 'write-token-123')).status).toBe(404);
    expect((await call('PUT', '/v1/cache/a.b', 'write-token-123', Buffer.from('x'))).status).toBe(404);
    expect((await call('GET', '/v2/other', 'write-token-123')).status).toBe(404);
  });
});
