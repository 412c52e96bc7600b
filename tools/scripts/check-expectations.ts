// Scores a packaged run against a blind catalog's expectations, per entry and per ask kind:
//   node --import tsx tools/scripts/check-expectations.ts <catalog.json> <generated-dir> <train.jsonl>
import { readFileSync } from 'node:fs';
import { checkExpectations, type CatalogEntry } from './expectations.ts';

const [catalogFile, generatedDir, trainFile] = process.argv.slice(2) as [string, string, string];
const catalog = JSON.parse(readFileSync(catalogFile, 'utf8')) as CatalogEntry[];
const report = checkExpectations(catalog, generatedDir, trainFile);
for (const outcome of report.outcomes) {
  const state = !outcome.answerable ? (outcome.packaged ? 'outside PACKAGED (should fail)' : `outside failed ok — ${outcome.failure?.slice(0, 100)}`) : outcome.misses.length === 0 ? 'met' : 'MISS';
  console.log(`${outcome.id} ${state}  ${outcome.answerable ? outcome.misses.join('; ').slice(0, 200) : ''}`);
}
console.log(`\nanswerable ${report.answerable}: ${report.met} packaged and meeting every expectation (${((report.met / report.answerable) * 100).toFixed(0)}%); outside the snapshot ${report.outside}: ${report.outsideFailed} recorded failures`);
console.log(Object.entries(report.perKind).sort().map(([kind, tally]) => `${kind} ${tally.met}/${tally.answerable}`).join(' · '));
