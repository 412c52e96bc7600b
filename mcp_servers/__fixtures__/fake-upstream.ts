import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ScriptedRoute = { status?: number; body: unknown };

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`, to pass as the live backend's `baseUrl`. */
  baseUrl: string;
  /** Every request URL received, oldest first. */
  requests: URL[];
  close(): Promise<void>;
}

/**
 * A fake upstream REST API on 127.0.0.1:0: answers each request with the JSON body scripted for its path
 * (any method, query ignored), or with `fallback` for an unscripted path, and records the request URLs.
 */
export async function startFakeUpstream(routes: Record<string, ScriptedRoute>, fallback: ScriptedRoute): Promise<FakeUpstream> {
  const requests: URL[] = [];
  const upstream = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const route = routes[url.pathname] ?? fallback;
    response.writeHead(route.status ?? 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(route.body));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => upstream.close(() => resolve())),
  };
}
