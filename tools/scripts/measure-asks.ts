// Runs blind catalogs through the whole offline CLI (prepare, serve on free ports, generate, package, replay) and scores
// the packaged answers against each catalog's expectations — the honest measure of how the planner and composer
// generalise to prompts nobody tuned them on:
//   node --import tsx tools/scripts/measure-asks.ts <catalog.json>... [--keep <dir>]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { writeConfigsOnFreePorts } from '../../apps/cli/src/__fixtures__/free-port-configs.ts';
import { checkExpectations, type CatalogEntry } from './expectations.ts';

const CLI = ['--import', 'tsx', 'apps/cli/src/main.ts'];
const args = process.argv.slice(2);
const keepAt = args.indexOf('--keep');
const keep = keepAt >= 0 ? args.splice(keepAt, 2)[1] : undefined;
// Catalogs written apart may reuse ids: a repeated id is run (and scored) as <catalog number>-<id>.
const seen = new Set<string>();
const catalogs = args.map((file, index) => ({
  file,
  entries: (JSON.parse(readFileSync(file, 'utf8')) as CatalogEntry[]).map((entry) => {
    const id = seen.has(entry.id) ? `C${index + 1}-${entry.id}` : entry.id;
    seen.add(id);
    return { ...entry, id };
  }),
}));

const root = keep ?? mkdtempSync(join(tmpdir(), 'forge-measure-'));
mkdirSync(root, { recursive: true });
const data = join(root, 'data');
const configs = join(root, 'configs');
const forge = async (...argv: string[]) => {
  const result = await execa('node', [...CLI, ...argv], { reject: false, env: { PLANNER: 'rule', OPENAI_MODEL: '' }, extendEnv: true });
  if (result.exitCode !== 0) throw new Error(`forge ${argv[0]} exited ${result.exitCode}:\n${result.stderr.slice(-2000)}`);
  return result;
};

await writeConfigsOnFreePorts(configs);
writeFileSync(join(root, 'catalog.json'), JSON.stringify(catalogs.flatMap((catalog) => catalog.entries)));
const serve = execa('node', [...CLI, 'serve', '--config-dir', configs, '--logs-dir', join(root, 'logs'), '--run-id', 'measure', '--data-dir', data], { reject: false });
try {
  await forge('prepare', '--prompt-file', join(root, 'catalog.json'), '--data-dir', data);
  await forge('health', '--config-dir', configs, '--deadline-ms', '60000');
  const prompts = join(data, 'inputs', 'curriculum_prompts.json');
  await forge('generate', '--prompt-file', prompts, '--out', join(data, 'generated'), '--no-resume', '--cache-dir', join(data, 'cache'),
    '--log-dir', join(root, 'logs', 'measure'), '--config-dir', configs, '--progress', 'plain', '--max-failure-rate', '1');
  await forge('package', '--generated-dir', join(data, 'generated'), '--prompts-file', prompts, '--out', join(data, 'processed'), '--logs-dir', join(root, 'logs'), '--run-id', 'measure');
  const replay = await forge('replay', join(data, 'processed', 'train.jsonl'));
  console.log(replay.stdout.trim().split('\n').slice(-3).join('\n'));
  let met = 0;
  let answerable = 0;
  for (const catalog of catalogs) {
    const report = checkExpectations(catalog.entries, join(data, 'generated'), join(data, 'processed', 'train.jsonl'));
    console.log(`\n== ${catalog.file}`);
    for (const outcome of report.outcomes.filter((o) => (o.answerable ? o.misses.length > 0 : o.packaged))) {
      console.log(`${outcome.id} ${outcome.answerable ? 'MISS' : 'outside PACKAGED'}  ${outcome.misses.join('; ').slice(0, 240)}`);
    }
    console.log(`answerable ${report.answerable}: met ${report.met} (${((report.met / Math.max(1, report.answerable)) * 100).toFixed(0)}%); outside ${report.outside}: ${report.outsideFailed} recorded failures`);
    console.log(Object.entries(report.perKind).sort().map(([kind, tally]) => `${kind} ${tally.met}/${tally.answerable}`).join(' · '));
    met += report.met;
    answerable += report.answerable;
  }
  console.log(`\nall: ${met}/${answerable} (${((met / Math.max(1, answerable)) * 100).toFixed(1)}%) — outputs in ${root}`);
} finally {
  serve.kill('SIGTERM');
  await serve;
  if (!keep) rmSync(root, { recursive: true, force: true });
}
