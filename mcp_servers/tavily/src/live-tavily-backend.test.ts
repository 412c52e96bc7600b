import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@forge/errors';
import { UpstreamError, createLiveTavilyBackend } from '@forge/mcp-tavily';

const received: Array<{ path: string; authorization: string | undefined; body: Record<string, unknown> }> = [];
let status = 200;
let upstream: Server;
let baseUrl: string;

beforeAll(async () => {
  upstream = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      received.push({ path: request.url ?? '', authorization: request.headers.authorization, body });
      response.writeHead(status, { 'content-type': 'application/json' });
      if (status !== 200) return response.end(JSON.stringify({ detail: { error: 'rate limited' } }));
      if (request.url === '/search') {
        return response.end(JSON.stringify({ query: body.query, answer: 'Micron makes memory.', images: [], response_time: '0.91', results: [{ title: 'Micron', url: 'https://m.example/a', content: 'DRAM and NAND', score: 0.93, raw_content: null }] }));
      }
      response.end(JSON.stringify({ results: [{ url: 'https://m.example/a', raw_content: 'full text', images: [] }], failed_results: [{ url: 'https://bad.example', error: 'timeout' }], response_time: 0.5 }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => upstream.close(resolve));
});

describe('live tavily backend', () => {
  it('refuses to start without TAVILY_API_KEY, naming it', () => {
    expect(() => createLiveTavilyBackend({ apiKey: undefined })).toThrow(ConfigError);
    expect(() => createLiveTavilyBackend({ apiKey: '' })).toThrow(/TAVILY_API_KEY/);
  });

  it('POSTs /search with a bearer key and maps the answer', async () => {
    const backend = createLiveTavilyBackend({ apiKey: 'tvly-test', baseUrl });
    const output = await backend.search({ query: 'Micron memory business', max_results: 3, search_depth: 'basic', include_answer: true });
    expect(received.at(-1)).toEqual({ path: '/search', authorization: 'Bearer tvly-test', body: { query: 'Micron memory business', max_results: 3, search_depth: 'basic', include_answer: true } });
    expect(output).toEqual({
      query: 'Micron memory business', answer: 'Micron makes memory.', response_time: 0.91,
      results: [{ url: 'https://m.example/a', title: 'Micron', content: 'DRAM and NAND', score: 0.93, published_date: '' }],
    });
  });

  it('POSTs /extract and keeps failed results', async () => {
    const backend = createLiveTavilyBackend({ apiKey: 'tvly-test', baseUrl });
    expect(await backend.extract(['https://m.example/a', 'https://bad.example'])).toEqual({
      results: [{ url: 'https://m.example/a', raw_content: 'full text' }],
      failed_results: [{ url: 'https://bad.example', error: 'timeout' }],
    });
  });

  it('makes HTTP 429 a retryable upstream error', async () => {
    status = 429;
    try {
      const backend = createLiveTavilyBackend({ apiKey: 'tvly-test', baseUrl });
      const error = (await backend.extract(['https://m.example/a']).catch((caught: unknown) => caught)) as UpstreamError;
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.isRetryable).toBe(true);
    } finally {
      status = 200;
    }
  });
});
