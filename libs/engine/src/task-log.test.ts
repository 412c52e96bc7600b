import { describe, expect, it } from 'vitest';
import { taskLogName } from './task-log.ts';

describe('taskLogName', () => {
  it('gives ids that differ only in unsafe characters their own file names', () => {
    const names = ['E/99', 'E_99', 'E 99', 'E:99', 'E99', 'É99'].map(taskLogName);
    expect(new Set(names).size).toBe(names.length);
    expect(taskLogName('E/99')).toBe('task_E_2F99.log');
    expect(taskLogName('E_99')).toBe('task_E_5F99.log');
    expect(taskLogName('D-07.b')).toBe('task_D-07.b.log');
  });

  it('keeps a very long id within a file name and still apart from its neighbours', () => {
    const long = 'x'.repeat(400);
    expect(taskLogName(long).length).toBeLessThan(200);
    expect(taskLogName(long)).not.toBe(taskLogName(`${long}y`));
  });
});
