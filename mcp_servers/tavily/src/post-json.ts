import { UpstreamError } from './upstream-error.ts';

/** POSTs JSON with a bearer key and parses the JSON answer; HTTP and parse failures become UpstreamError. */
export async function postJson(url: URL, apiKey: string, body: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new UpstreamError({ problem: `Tavily request to ${url.pathname} failed`, cause: error, retryable: true });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new UpstreamError({ status: response.status, problem: `Tavily answered HTTP ${response.status} for ${url.pathname}`, received: text });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UpstreamError({ problem: `Tavily answered non-JSON for ${url.pathname}`, received: text, cause: error });
  }
}
