import { rename, rm, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ParquetWriter, fileWriter, type SchemaElement } from 'hyparquet-writer';
import type { SkyRLSample } from '@forge/sample';
import { stagingPath } from './staged-file.ts';

/**
 * The parquet layout (TECH_NOTES "Parquet for SkyRL"): `prompt` as list<struct<role, content>>, and the
 * heterogeneous `reward_spec` / `extra_info` as UTF-8 JSON text, because readers that infer structs from them
 * changed values (an ISO date became a timestamp) while the JSON-text layout reads back exactly.
 */
export const SAMPLE_PARQUET_SCHEMA: SchemaElement[] = [
  { name: 'root', num_children: 5 },
  { name: 'data_source', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'env_class', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'prompt', repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', repetition_type: 'REQUIRED', num_children: 2 },
  { name: 'role', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'content', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'reward_spec', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'extra_info', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
];

const DEFAULT_ROW_GROUP = 2_000;

/** Writes samples to parquet one row group at a time (memory bounded by the group), temp file then rename. */
export class ParquetSampleWriter {
  readonly path: string;
  rows = 0;
  private readonly temp: string;
  private readonly writer: ParquetWriter;
  private readonly rowGroupSize: number;
  private buffer: { data_source: string[]; env_class: string[]; prompt: Array<Array<{ role: string; content: string }>>; reward_spec: string[]; extra_info: string[] } = emptyBuffer();

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
    this.buffer.reward_spec.push(JSON.stringify(sample.reward_spec));
    this.buffer.extra_info.push(JSON.stringify(sample.extra_info));
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
  return { data_source: [] as string[], env_class: [] as string[], prompt: [] as Array<Array<{ role: string; content: string }>>, reward_spec: [] as string[], extra_info: [] as string[] };
}
