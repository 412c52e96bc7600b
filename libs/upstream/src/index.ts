export { UpstreamError } from './upstream-error.ts';
export { requestJson } from './request-json.ts';
export type { JsonRequest } from './request-json.ts';
