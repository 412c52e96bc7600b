export { GenerationRecordSchema, FailureRecordSchema, ProvenanceSchema, TokenUsageSchema } from './generation-record.ts';
export type { GenerationRecord, FailureRecord, Provenance } from './generation-record.ts';
