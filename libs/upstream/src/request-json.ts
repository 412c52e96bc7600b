import { UpstreamError } from './upstream-error.ts';

export interface JsonRequest {
  /** Named in every error, e.g. "Polygon". */
  service: string;
  url: URL;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  /** Query parameters that carry a key: shown as *** in errors. */
  secretParams?: string[];
}

/** Calls a live REST API and parses its JSON; network, HTTP and parse failures become UpstreamError without the key. */
export async function requestJson(request: JsonRequest): Promise<unknown> {
  const { service, url } = request;
  const shown = new URL(url);
  for (const name of request.secretParams ?? []) if (shown.searchParams.has(name)) shown.searchParams.set(name, '***');
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? 'GET',
      headers: { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
  } catch (error) {
    throw new UpstreamError({ problem: `${service} request to ${shown} failed`, cause: error, retryable: true });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new UpstreamError({ status: response.status, problem: `${service} answered HTTP ${response.status} for ${shown.pathname}`, received: text });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UpstreamError({ problem: `${service} answered non-JSON for ${shown.pathname}`, received: text, cause: error });
  }
}
