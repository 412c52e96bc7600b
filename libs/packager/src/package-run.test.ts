import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRun, manifestJsonSchemaText, type PackageResult } from '@forge/packager';
import { SkyRLSampleSchema, type SkyRLSample } from '@forge/sample';
import { writeRunTree, type RunTree } from './__fixtures__/run-tree.ts';

let tree: RunTree;
let result: PackageResult;
const clock = () => new Date('2026-11-26T10:00:00.000Z');

beforeAll(async () => {
  tree = await writeRunTree(await mkdtemp(join(tmpdir(), 'package-run-')));
  result = await packageRun({
    generatedDir: tree.generatedDir, outDir: tree.outDir, promptsFile: tree.promptsFile, logsDir: tree.logsDir,
    now: clock, versions: { zod: '4.x' }, pricePerMillion: { input: 1, output: 2 }, rowGroupSize: 2,
  });
});
afterAll(async () => {
  await rm(tree.root, { recursive: true, force: true });
});

const readJson = async (name: string) => JSON.parse(await readFile(join(tree.outDir, name), 'utf8'));

describe('packageRun', () => {
  it('writes only accepted samples, merged in catalog order, as JSON and JSONL', async () => {
    const rows: SkyRLSample[] = await readJson('train_llm.json');
    expect(rows.map((row) => row.extra_info.prompt_id)).toEqual(['S01', 'M01', 'C01', 'S02', 'M03']);
    for (const row of rows) SkyRLSampleSchema.parse(row);
    const lines = (await readFile(join(tree.outDir, 'train.jsonl'), 'utf8')).trimEnd().split('\n').map((text) => JSON.parse(text));
    expect(lines).toEqual(rows);
    expect(rows[4].prompt[1].content).toBe(tree.records.M03.user_prompt);
  });

  it('writes a parquet file DuckDB reads back to the same rows', async () => {
    const rows: SkyRLSample[] = await readJson('train_llm.json');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(`select data_source, env_class, prompt, reward_spec, extra_info from read_parquet('${join(tree.outDir, 'train.parquet')}')`);
      const back = reader.getRowObjectsJson() as Array<Record<string, any>>;
      expect(back.length).toBe(rows.length);
      back.forEach((row, index) => {
        const extraInfo = JSON.parse(row.extra_info.details);
        expect(row.extra_info.sample_id).toBe(rows[index].extra_info.sample_id);
        expect(row.extra_info.prompt_id).toBe(rows[index].extra_info.prompt_id);
        expect(row.extra_info.prompt_index).toBe(rows[index].extra_info.prompt_index);
        expect(row.extra_info.complexity).toBe(rows[index].reward_spec.ground_truth.complexity);
        expect(row.extra_info.as_of).toBe(rows[index].extra_info.as_of);
        expect(row.prompt[1].content).toBe(rows[index].prompt[1].content);
        expect(row.prompt).toEqual(rows[index].prompt);
        expect(row.reward_spec.method).toBe(rows[index].reward_spec.method);
        expect(JSON.parse(row.reward_spec.ground_truth)).toEqual(rows[index].reward_spec.ground_truth);
        expect(extraInfo).toEqual(rows[index].extra_info);
        expect([row.data_source, row.env_class]).toEqual([rows[index].data_source, rows[index].env_class]);
      });
      const types = (await connection.runAndReadAll(`select column_name, column_type from (describe select * from read_parquet('${join(tree.outDir, 'train.parquet')}'))`)).getRowObjectsJson();
      expect(types).toEqual([
        { column_name: 'data_source', column_type: 'VARCHAR' },
        { column_name: 'env_class', column_type: 'VARCHAR' },
        { column_name: 'prompt', column_type: 'STRUCT("role" VARCHAR, "content" VARCHAR)[]' },
        { column_name: 'reward_spec', column_type: 'STRUCT("method" VARCHAR, ground_truth VARCHAR)' },
        {
          column_name: 'extra_info',
          column_type:
            'STRUCT(sample_id VARCHAR, prompt_id VARCHAR, prompt_index INTEGER, original_complexity VARCHAR, complexity VARCHAR, catalog_sha256 VARCHAR, snapshot_id VARCHAR, as_of VARCHAR, planner VARCHAR, model VARCHAR, generated_at VARCHAR, details VARCHAR)',
        },
      ]);
    } finally {
      connection.closeSync();
    }
  });

  it('records per-sample verdicts and a rejection histogram', async () => {
    const validation = await readJson('validation.json');
    expect(validation).toMatchObject({ samples: 6, accepted: 5, rejected: 1, failed: 1, rejection_histogram: { 'grounding-failed': 1 }, failure_histogram: { run: 1 } });
    expect(validation.verdicts.find((verdict: { prompt_id: string }) => verdict.prompt_id === 'M02').problems[0].code).toBe('grounding-failed');
    expect(validation.input_problems).toEqual([expect.objectContaining({ problem: 'torn-line' })]);
  });

  it('writes a manifest the committed schema accepts, with provenance, counts, tools and cost', async () => {
    const manifest = await readJson('manifest.json');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(await readFile(new URL('../schema/manifest.schema.json', import.meta.url), 'utf8')));
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(manifest).toEqual(result.manifest);
    expect(manifest.inputs.catalog_sha256).toEqual(['c'.repeat(64)]);
    expect(manifest.inputs.shards.simple.samples.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.snapshot).toEqual({ snapshot_ids: ['synthetic-2026-11-25'], as_of: ['2026-11-25T21:30:00Z'] });
    expect(manifest.counts.by_complexity).toEqual({
      simple: { records: 2, accepted: 2, rejected: 0, failed: 0 },
      moderate: { records: 3, accepted: 2, rejected: 1, failed: 0 },
      complex: { records: 2, accepted: 1, rejected: 0, failed: 1 },
    });
    expect(manifest.rejected).toEqual([expect.objectContaining({ prompt_id: 'M02', reasons: [expect.stringContaining('grounding-failed')] })]);
    expect(manifest.failed).toEqual([expect.objectContaining({ prompt_id: 'C02', stage: 'run' })]);
    expect(manifest.tools['fmp.fmp_get_quote']).toMatchObject({ calls: 7, errors: 1, accepted: 6, latency_ms: { p50: 2.5, max: 2.5 } });
    expect(manifest.token_usage).toMatchObject({ prompt_tokens: 100, completion_tokens: 20, calls: 7, estimated_cost_usd: 0.00014 });
    expect(manifest.outputs['train.parquet'].rows).toBe(5);
    expect(manifest.versions).toEqual({ zod: '4.x' });
  });

  it('keeps raw traces and archives the run logs', async () => {
    const raw = join(tree.outDir, 'raw_llm', '20261126T100000Z');
    expect((await readdir(join(raw, 'moderate'))).length).toBe(3);
    expect(await readFile(join(raw, 'traces', 'simple', 'S01.json'), 'utf8')).toBe('{"trace":true}\n');
    const rows: SkyRLSample[] = await readJson('train_llm.json');
    const rawPath = rows[0].extra_info.task_metadata.raw_output_path as string;
    expect(JSON.parse(await readFile(join(tree.outDir, rawPath), 'utf8')).prompt_id).toBe('S01');
    expect(await readFile(join(tree.outDir, 'logs', 'run-1', 'task_S01.log'), 'utf8')).toContain('fmp_get_quote');
    const leftovers = (await readdir(tree.outDir)).filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('renders a self-contained report with escaped text', async () => {
    const html = await readFile(join(tree.outDir, 'report.html'), 'utf8');
    expect(html).toContain('Use &lt;b&gt;tools&lt;/b&gt; &amp; &quot;cite&quot; them.');
    expect(html).not.toContain('<b>tools');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(5);
    expect(html.match(/<details>/g)?.length).toBeGreaterThanOrEqual(4);
    expect((await stat(join(tree.outDir, 'report.html'))).size).toBeGreaterThan(1000);
  });

  it('gives the same sample bytes when run again', async () => {
    const before = await readFile(join(tree.outDir, 'train.jsonl'), 'utf8');
    await packageRun({ generatedDir: tree.generatedDir, outDir: tree.outDir, promptsFile: tree.promptsFile, logsDir: tree.logsDir, now: clock });
    expect(await readFile(join(tree.outDir, 'train.jsonl'), 'utf8')).toBe(before);
  });
});

describe('published manifest schema', () => {
  it('matches its zod source (run tools/scripts/generate-schemas.ts after changing ManifestSchema)', async () => {
    expect(await readFile(new URL('../schema/manifest.schema.json', import.meta.url), 'utf8')).toBe(manifestJsonSchemaText());
  });
});
