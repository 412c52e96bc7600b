import { requestJson } from '@forge/upstream';

/** POSTs JSON to Tavily with a bearer key and parses the JSON answer. */
export function postJson(url: URL, apiKey: string, body: unknown): Promise<unknown> {
  return requestJson({ service: 'Tavily', url, method: 'POST', headers: { authorization: `Bearer ${apiKey}` }, body });
}
