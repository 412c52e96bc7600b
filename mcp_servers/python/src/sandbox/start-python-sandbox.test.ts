import { describe, expect, it } from 'vitest';
import { startPythonSandbox } from './start-python-sandbox.ts';

describe('startPythonSandbox', () => {
  it('starts its process on the first call, not before, and stops it on close', async () => {
    const sandbox = startPythonSandbox({ poolSize: 1 });
    try {
      expect(sandbox.running).toBe(false);
      const output = await sandbox.run({ code: 'result = sum(values)', inputs: { values: [1, 2, 3] } });
      expect(output.result).toBe(6);
      expect(sandbox.running).toBe(true);
    } finally {
      await sandbox.close();
    }
    expect(sandbox.running).toBe(false);
  });
});
