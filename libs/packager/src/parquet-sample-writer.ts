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

/**
 * Text per row group before it is flushed. Issue 14: fixed 2,000-row groups of JSON text peaked at 524 MB RSS at
 * 100,000 prompts; by bytes, memory no longer depends on how long rows are. The writer holds several copies of a
 * group while it encodes (strings, UTF-8 pages, dictionary, snappy output): 4 MB groups (about 270 rows of ~15 KB)
 * measured 100 MB below 16 MB ones at 10,000 prompts (docs/benchmarks.md), and are still a reader-friendly size.
 */
export const DEFAULT_ROW_GROUP_BYTES = 4 * 1024 * 1024;

export interface ParquetSampleWriterOptions {
  /** Flush once the buffered rows' text reaches this many bytes (UTF-16 length, an estimate). */
  rowGroupBytes?: number;
  /** Also flush at this many rows (no row limit by default). */
  rowGroupSize?: number;
}

/** Writes samples to parquet one row group at a time (memory bounded by the group's bytes), temp file then rename. */
export class ParquetSampleWriter {
  readonly path: string;
  rows = 0;
  /** Row groups written so far. */
  rowGroups = 0;
  private readonly temp: string;
  private readonly writer: ParquetWriter;
  private readonly rowGroupSize: number;
  private readonly rowGroupBytes: number;
  private bufferedBytes = 0;
  private buffer: { data_source: string[]; env_class: string[]; prompt: Array<Array<{ role: string; content: string }>>; reward_spec: Array<{ method: string; ground_truth: string }>; extra_info: ExtraInfoRow[] } = emptyBuffer();

  private constructor(path: string, temp: string, options: ParquetSampleWriterOptions) {
    this.path = path;
    this.temp = temp;
    this.rowGroupSize = options.rowGroupSize ?? Number.POSITIVE_INFINITY;
    this.rowGroupBytes = options.rowGroupBytes ?? DEFAULT_ROW_GROUP_BYTES;
    this.writer = new ParquetWriter({ writer: fileWriter(temp), schema: SAMPLE_PARQUET_SCHEMA, createdBy: 'curriculum-forge packager' });
  }

  static async create(path: string, options: ParquetSampleWriterOptions = {}): Promise<ParquetSampleWriter> {
    await mkdir(dirname(path), { recursive: true });
    return new ParquetSampleWriter(path, stagingPath(path), options);
  }


  async add(sample: SkyRLSample): Promise<void> {
    this.buffer.data_source.push(sample.data_source);
    this.buffer.env_class.push(sample.env_class);
    const prompt = sample.prompt.map((message) => ({ role: message.role, content: message.content }));
    const rewardSpec = { method: sample.reward_spec.method, ground_truth: JSON.stringify(sample.reward_spec.ground_truth) };
    const extraInfo = extraInfoRow(sample);
    this.buffer.prompt.push(prompt);
    this.buffer.reward_spec.push(rewardSpec);
    this.buffer.extra_info.push(extraInfo);
    this.rows += 1;
    this.bufferedBytes += sample.data_source.length + sample.env_class.length + rewardSpec.method.length + rewardSpec.ground_truth.length;
    for (const message of prompt) this.bufferedBytes += message.role.length + message.content.length;
    for (const value of Object.values(extraInfo)) this.bufferedBytes += typeof value === 'string' ? value.length : 4;
    if (this.bufferedBytes >= this.rowGroupBytes || this.buffer.data_source.length >= this.rowGroupSize) await this.flush();
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
    this.bufferedBytes = 0;
    this.rowGroups += 1;
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
