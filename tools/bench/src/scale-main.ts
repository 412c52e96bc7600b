import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureScalePoint } from './scale-scenario.ts';

// The scale scenario at one size on its own, for sizes too slow for `npm run bench` (issue 14: 1,000,000 prompts):
// node --import tsx tools/bench/src/scale-main.ts --prompts 1000000 --records <generated dir> --dir <scratch> [--keep]
// `--records` is a generated folder (one real record of each complexity is cloned); prints the ScalePoint as JSON.
const { values } = parseArgs({ options: { prompts: { type: 'string' }, records: { type: 'string' }, dir: { type: 'string' }, keep: { type: 'boolean', default: false } } });
if (!values.prompts || !values.records || !values.dir) throw new Error('usage: scale-main.ts --prompts N --records <generated dir> --dir <scratch> [--keep]');
const root = fileURLToPath(new URL('../../..', import.meta.url));
const started = performance.now();
const log = (line: string) => process.stderr.write(`[scale ${new Date().toISOString()} +${((performance.now() - started) / 1000).toFixed(0)}s] ${line}\n`);
const point = await measureScalePoint({ root, scratch: values.dir, log }, { prompts: Number(values.prompts), recordsDir: values.records, dir: values.dir, keep: values.keep });
process.stdout.write(`${JSON.stringify(point)}\n`);
