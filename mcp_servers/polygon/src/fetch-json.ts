import { requestJson } from '@forge/upstream';

/** GETs a Polygon URL and parses JSON (the apiKey parameter is redacted from errors). */
export function fetchJson(url: URL): Promise<unknown> {
  return requestJson({ service: 'Polygon', url, secretParams: ['apiKey'] });
}
