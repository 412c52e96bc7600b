import { describe, expect, it } from 'vitest';
import { writeLatestTable } from './write-latest-table.ts';

describe('writeLatestTable', () => {
  it('replaces what sits between the markers and keeps the rest of the doc', () => {
    const doc = '# Benchmarks\n\nintro\n<!-- bench:latest:start -->\nold table\n<!-- bench:latest:end -->\n\n## After\n';
    expect(writeLatestTable(doc, 'a  b\n1  2')).toBe('# Benchmarks\n\nintro\n<!-- bench:latest:start -->\n```text\na  b\n1  2\n```\n<!-- bench:latest:end -->\n\n## After\n');
  });

  it('gives undefined when the doc has no markers', () => {
    expect(writeLatestTable('# Benchmarks\n', 'table')).toBeUndefined();
  });
});
