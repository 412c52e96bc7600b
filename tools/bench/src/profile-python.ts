import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBenchContext } from './bench-context.ts';
import { runPythonCallScenario } from './python-call-scenario.ts';

// The python scenario alone (issue 14), for profiling and quick before/after runs: `--calls N` (default 2000).
const { values } = parseArgs({ options: { calls: { type: 'string', default: '2000' } } });
const root = fileURLToPath(new URL('../../..', import.meta.url));
const context = await createBenchContext(root, (line) => process.stderr.write(`[python] ${line}\n`));
try {
  for (const row of await runPythonCallScenario(context, { calls: Number(values.calls) })) process.stdout.write(`${row.metric}: ${row.value}\n`);
} finally {
  await context.close();
}
