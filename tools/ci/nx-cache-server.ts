import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { timingSafeEqual } from 'node:crypto';

/** One request the server answered, for tests to read what Nx asked for. */
export interface CacheRequest {
  method: string;
  hash: string;
  status: number;
}

export interface NxCacheServer {
  /** `http://127.0.0.1:<port>`: the value of NX_SELF_HOSTED_REMOTE_CACHE_SERVER. */
  url: string;
  requests: CacheRequest[];
  close(): Promise<void>;
}

export interface NxCacheServerOptions {
  /** Where task archives are kept, one file per hash. */
  dir: string;
  /** Bearer token every request must carry (NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN); none when absent. */
  token?: string;
  /** Tokens that may read but not write (the spec's 403 on PUT). */
  readOnlyTokens?: string[];
  port?: number;
}

// Nx's task hashes are decimal or hex digits; anything else never reaches the file system.
const HASH = /^[A-Za-z0-9]{1,128}$/;

/**
 * A minimal server for the remote cache contract Nx publishes for self-hosting (OpenAPI "Nx custom remote cache
 * specification" 1.0.0: GET/PUT /v1/cache/{hash} carrying a tar archive, bearer auth, 404 on a miss, 409 when a hash is
 * already stored) on 127.0.0.1. For the two-clone test and a local try-out; no eviction, no TLS: not for production.
 */
export async function startNxCacheServer(options: NxCacheServerOptions): Promise<NxCacheServer> {
  await mkdir(options.dir, { recursive: true });
  const requests: CacheRequest[] = [];
  const server: Server = createServer((request, response) => {
    void handle(request, response, options).then((answer) => {
      requests.push(answer);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, options: NxCacheServerOptions): Promise<CacheRequest> {
  const method = request.method ?? 'GET';
  const match = /^\/v1\/cache\/([^/?]+)$/.exec(request.url ?? '');
  const hash = match?.[1] ?? '';
  const reply = (status: number, body?: Buffer | string) => {
    response.writeHead(status, body instanceof Buffer ? { 'content-type': 'application/octet-stream', 'content-length': body.length } : { 'content-type': 'text/plain' });
    response.end(body);
    return { method, hash, status };
  };
  if (!match || !HASH.test(hash)) return drain(request).then(() => reply(404, 'not found'));
  const token = bearer(request);
  const canWrite = options.token === undefined || (token !== undefined && same(token, options.token));
  const canRead = canWrite || (token !== undefined && (options.readOnlyTokens ?? []).some((readOnly) => same(token, readOnly)));
  if (!canRead) return drain(request).then(() => reply(401, 'missing or invalid bearer token'));
  const file = join(options.dir, hash);
  if (method === 'GET') {
    try {
      return reply(200, await readFile(file));
    } catch {
      return reply(404, 'no cache entry for this hash');
    }
  }
  if (method === 'PUT') {
    const body = await drain(request);
    if (!canWrite) return reply(403, 'this token may only read');
    if (await exists(file)) return reply(409, 'cannot override an existing record');
    // Temp file then rename: a reader never sees half an archive.
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, body);
    await rename(temp, file);
    return reply(200, 'stored');
  }
  return drain(request).then(() => reply(405, 'GET or PUT only'));
}

function bearer(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}

async function drain(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
