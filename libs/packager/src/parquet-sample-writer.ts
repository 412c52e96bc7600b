import { rename, rm, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ParquetWriter, fileWriter, type SchemaElement } from 'hyparquet-writer';
import type { SkyRLSample } from '@forge/sample';
import { stagingPath } from './staged-file.ts';

/** The `extra_info` struct's scalar fields, in column order: all strings except `prompt_index` (INT32). */
export const EXTRA_INFO_STRING_FIELDS = ['sample_id', 'prompt_id', 'original_complexity', 'complexity', 'catalog_sha256', 'snapshot_id', 'as_of', 'planner', 'model', 'generated_at'] as const;

const utf8 = (name: string): SchemaElement => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' });

/**
 * The parquet layout (README "Parquet layout", issue 12 part 5): SkyRL hands each column to the environment as it is,
 * so `reward_spec` is a struct `{method, ground_truth}` with `ground_truth` as JSON text (the environment
 * `json.loads` it), `prompt` is list<struct<role, content>>, and `extra_info` is a struct of stable top-level scalars
 * plus `details`, the JSON text of the whole extra_info object (nothing is lost).
 */
export const SAMPLE_PARQUET_SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: 5 },
  utf8('data_source'),
  utf8('env_class'),
  { name: 'prompt', repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', repetition_type: 'REQUIRED', num_children: 2 },
  utf8('role'),
  utf8('content'),
  { name: 'reward_spec', repetition_type: 'REQUIRED', num_children: 2 },
  utf8('method'),
  utf8('ground_truth'),
  { name: 'extra_info', repetition_type: 'REQUIRED', num_children: EXTRA_INFO_STRING_FIELDS.length + 2 },
  utf8('sample_id'),
  utf8('prompt_id'),
  { name: 'prompt_index', type: 'INT32', repetition_type: 'REQUIRED' },
  ...EXTRA_INFO_STRING_FIELDS.slice(2).map(utf8),
  utf8('details'),
];

type ExtraInfoRow = Record<(typeof EXTRA_INFO_STRING_FIELDS)[number] | 'details', string> & { prompt_index: number };

/** The `extra_info` struct value of one row. */
export function extraInfoRow(sample: SkyRLSample): ExtraInfoRow {
  const info = sample.extra_info;
  return {
    sample_id: info.sample_id,
    prompt_id: info.prompt_id,
    prompt_index: info.prompt_index,
    original_complexity: info.original_complexity,
    complexity: sample.reward_spec.ground_truth.complexity,
    catalog_sha256: info.catalog_sha256,
    snapshot_id: info.snapshot_id,
    as_of: info.as_of,
    planner: info.planner,
    model: info.model,
    generated_at: info.generated_at,
    details: JSON.stringify(info),
  };
}

const DEFAULT_ROW_GROUP = 2_000;

/** Writes samples to parquet one row group at a time (memory bounded by the group), temp file then rename. */
export class ParquetSampleWriter {
  readonly path: string;
  rows = 0;
  private readonly temp: string;
  private readonly writer: ParquetWriter;
  private readonly rowGroupSize: number;
  private buffer: { data_source: string[]; env_class: string[]; prompt: Array<Array<{ role: string; content: string }>>; reward_spec: Array<{ method: string; ground_truth: string }>; extra_info: ExtraInfoRow[] } = emptyBuffer();

  private constructor(path: string, temp: string, rowGroupSize: number) {
    this.path = path;
    this.temp = temp;
    this.rowGroupSize = rowGroupSize;
    this.writer = new ParquetWriter({ writer: fileWriter(temp), schema: SAMPLE_PARQUET_SCHEMA, createdBy: 'curriculum-forge packager' });
  }

  static async create(path: string, rowGroupSize = DEFAULT_ROW_GROUP): Promise<ParquetSampleWriter> {
    await mkdir(dirname(path), { recursive: true });
    return new ParquetSampleWriter(path, stagingPath(path), rowGroupSize);
  }

  async add(sample: SkyRLSample): Promise<void> {
    this.buffer.data_source.push(sample.data_source);
    this.buffer.env_class.push(sample.env_class);
    this.buffer.prompt.push(sample.prompt.map((message) => ({ role: message.role, content: message.content })));
    this.buffer.reward_spec.push({ method: sample.reward_spec.method, ground_truth: JSON.stringify(sample.reward_spec.ground_truth) });
    this.buffer.extra_info.push(extraInfoRow(sample));
    this.rows += 1;
    if (this.buffer.data_source.length >= this.rowGroupSize) await this.flush();
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.writer.finish();
    await rename(this.temp, this.path);
  }

  async abort(): Promise<void> {
    await rm(this.temp, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.buffer.data_source.length === 0) return;
    const columns = this.buffer;
    this.buffer = emptyBuffer();
    await this.writer.write({
      rowGroupSize: columns.data_source.length,
      columnData: [
        { name: 'data_source', data: columns.data_source },
        { name: 'env_class', data: columns.env_class },
        { name: 'prompt', data: columns.prompt },
        { name: 'reward_spec', data: columns.reward_spec },
        { name: 'extra_info', data: columns.extra_info },
      ],
    });
  }
}

function emptyBuffer() {
  return { data_source: [] as string[], env_class: [] as string[], prompt: [] as Array<Array<{ role: string; content: string }>>, reward_spec: [] as Array<{ method: string; ground_truth: string }>, extra_info: [] as ExtraInfoRow[] };
}
