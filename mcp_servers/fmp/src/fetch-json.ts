import { requestJson } from '@forge/upstream';

/** GETs an FMP URL and parses JSON (the apikey parameter is redacted from errors). */
export function fetchJson(url: URL): Promise<unknown> {
  return requestJson({ service: 'FMP', url, secretParams: ['apikey'] });
}
