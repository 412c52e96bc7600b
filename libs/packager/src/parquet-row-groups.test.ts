import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageRun } from '@forge/packager';
import { writeRunTree, type RunTree } from './__fixtures__/run-tree.ts';

let tree: RunTree;
beforeEach(async () => {
  tree = await writeRunTree(await mkdtemp(join(tmpdir(), 'parquet-row-groups-')));
});
afterEach(async () => {
  await rm(tree.root, { recursive: true, force: true });
});

async function rowGroupSizes(file: string): Promise<number[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const rows = (await connection.runAndReadAll(`select distinct row_group_id, row_group_num_rows from parquet_metadata('${file}') order by row_group_id`)).getRowObjectsJson();
    return rows.map((row) => Number(row.row_group_num_rows));
  } finally {
    connection.closeSync();
  }
}

describe('parquet row groups by bytes', () => {
  const options = () => ({ generatedDir: tree.generatedDir, outDir: tree.outDir, promptsFile: tree.promptsFile, logsDir: tree.logsDir, now: () => new Date('2026-11-26T10:00:00.000Z'), versions: {} });

  it('keeps a small run in one row group by default (4 MB of text per group)', async () => {
    const { manifest } = await packageRun(options());
    expect(await rowGroupSizes(join(tree.outDir, 'train.parquet'))).toEqual([manifest.outputs['train.parquet']!.rows]);
  });

  it('flushes a row group once the buffered text reaches rowGroupBytes', async () => {
    const { manifest } = await packageRun({ ...options(), rowGroupBytes: 1 });
    const rows = manifest.outputs['train.parquet']!.rows!;
    expect(rows).toBeGreaterThan(1);
    expect(await rowGroupSizes(join(tree.outDir, 'train.parquet'))).toEqual(Array.from({ length: rows }, () => 1));
  });
});
