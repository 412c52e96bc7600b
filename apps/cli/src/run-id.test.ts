import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentRunId, recordRunId } from './run-id.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the current run pointer', () => {
  it('gives generate and package the run serve started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-id-'));
    dirs.push(dir);
    expect(currentRunId(dir)).toBeUndefined();
    await recordRunId(dir, '2026-11-25T21-30-00Z');
    expect(currentRunId(dir)).toBe('2026-11-25T21-30-00Z');
  });

  it('ignores a pointer that is not a plain folder name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-id-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'current-run'), '../../etc\n');
    expect(currentRunId(dir)).toBeUndefined();
  });
});
