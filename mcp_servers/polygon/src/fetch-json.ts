import { UpstreamError } from './upstream-error.ts';

/** GETs a URL and parses JSON, turning HTTP and parse failures into UpstreamError (the key is redacted). */
export async function fetchJson(url: URL): Promise<unknown> {
  const shown = new URL(url);
  if (shown.searchParams.has('apiKey')) shown.searchParams.set('apiKey', '***');
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new UpstreamError({ problem: `Polygon request to ${shown} failed`, cause: error, retryable: true });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new UpstreamError({ status: response.status, problem: `Polygon answered HTTP ${response.status} for ${shown.pathname}`, received: text });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UpstreamError({ problem: `Polygon answered non-JSON for ${shown.pathname}`, received: text, cause: error });
  }
}
