import { z } from 'zod';

/** Limits of the Python sandbox; the defaults are the ones docs/tools.md promises (5 s, 256 MB). */
export const PythonSandboxOptionsSchema = z.object({
  timeoutMs: z.number().int().positive().default(5_000).describe('wall-clock limit per snippet'),
  graceMs: z
    .number()
    .int()
    .positive()
    .default(1_000)
    .describe('time after the soft interrupt before the worker is terminated and replaced'),
  memoryMb: z.number().int().min(64).default(256).describe('cap on the wasm linear memory of one worker'),
  jsHeapMb: z.number().int().min(64).default(256).describe('V8 old-generation limit of one worker'),
  poolSize: z.number().int().min(1).max(4).default(2).describe('warm Pyodide workers; requests queue for them'),
  stdoutLimitBytes: z.number().int().positive().default(64 * 1024).describe('stdout kept per snippet; the rest is cut'),
  memorySnapshot: z.boolean().default(true).describe('boot workers from a cached Pyodide memory snapshot (made on first boot)'),
  snapshotDir: z.string().min(1).optional().describe('folder of the snapshot cache; default node_modules/.cache/forge-python'),
});
export type PythonSandboxOptions = z.infer<typeof PythonSandboxOptionsSchema>;
export type PythonSandboxOptionsInput = z.input<typeof PythonSandboxOptionsSchema>;
