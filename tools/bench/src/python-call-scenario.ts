import { createPythonServer, startPythonSandbox } from '@forge/mcp-python';
import { linkInMemory } from '@forge/mcp-host';
import { RANK_CODE, TREND_CODE } from '../../../libs/planner/src/rule/python-snippets.ts';
import type { BenchContext } from './bench-context.ts';
import { formatNumber as f, type TableRow } from './render-table.ts';

export interface PythonCallOptions {
  calls: number;
}

const WARM_UP_CALLS = 40;
const CONCURRENCY = 4;

/** Two planner snippets with inputs shaped like a plan's (JSON text of 31 closes; a few names' values). */
function plannerCalls(): Array<{ code: string; inputs: Record<string, unknown> }> {
  const closes = JSON.stringify(Array.from({ length: 31 }, (_, day) => 100 + day * 0.37));
  const volumes = JSON.stringify(Array.from({ length: 31 }, (_, day) => 1_000_000 + day * 1_234));
  return [
    { code: TREND_CODE, inputs: { closes, volumes, n: '20' } },
    { code: RANK_CODE, inputs: { data: { AAPL: '1.5', MSFT: '-2.25', NVDA: '3.1' }, ascending: 'False', threshold: '2' } },
  ];
}

/**
 * `execute_python` alone (issue 14): the real server and sandbox (pool of 2) over the SDK's in-memory transport,
 * warm (boot and first compiles excluded), so the per-call cost shows apart from the five-server pipeline.
 */
export async function runPythonCallScenario(context: BenchContext, options: PythonCallOptions): Promise<TableRow[]> {
  const sandbox = startPythonSandbox({ poolSize: 2 });
  try {
    const client = await linkInMemory(createPythonServer(sandbox), 'bench-python');
    const requests = plannerCalls();
    let next = 0;
    let failed = 0;
    const call = async () => {
      const result = await client.callTool({ name: 'execute_python', arguments: requests[next++ % requests.length] });
      if (result.isError) failed += 1;
    };
    const timed = async (concurrency: number) => {
      const started = performance.now();
      let left = options.calls;
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (left > 0) {
          left -= 1;
          await call();
        }
      }));
      return performance.now() - started;
    };
    context.log(`python: ${options.calls} execute_python calls at concurrency 1 and ${CONCURRENCY} (in-memory, warm)`);
    for (let index = 0; index < WARM_UP_CALLS; index += 1) await call();
    const sequentialMs = await timed(1);
    const concurrentMs = await timed(CONCURRENCY);
    await client.close();
    // A failing call returns early; counted so a fast figure cannot hide errors.
    if (failed > 0) throw new Error(`python scenario: ${failed} execute_python calls failed`);
    return [
      { scenario: 'python', metric: 'execute_python ms/call at concurrency 1 (planner snippets, in-memory, warm)', value: f(sequentialMs / options.calls) },
      { scenario: 'python', metric: `execute_python calls/s at concurrency ${CONCURRENCY} (pool of 2 workers)`, value: f((options.calls / concurrentMs) * 1000, 0) },
    ];
  } finally {
    await sandbox.close();
  }
}
