import { Command } from 'commander';
import { readDatasetFile } from '@forge/packager';
import { describeSample, SkyRLSampleSchema } from '@forge/sample';
import { parsePositive } from '../options.ts';

type Pick = { row: number; text: string };

/** `forge inspect`: prints n samples readably, at least one per complexity present in the file. */
export function inspectCommand(): Command {
  return new Command('inspect')
    .description('print samples of a dataset file readably (at least one per complexity)')
    .option('--n <count>', 'how many samples', parsePositive, 3)
    .option('--file <file>', 'dataset file (.jsonl or .json array)', 'data/processed/train.jsonl')
    .action(async (options: { n: number; file: string }) => {
      const firstOfLevel = new Map<string, Pick>();
      const others: Pick[] = [];
      let rows = 0;
      for await (const row of readDatasetFile(options.file)) {
        rows += 1;
        if ('problem' in row) {
          if (others.length < options.n) others.push({ row: row.row, text: `── row ${row.row}: ${row.problem}` });
          continue;
        }
        const parsed = SkyRLSampleSchema.safeParse(row.value);
        if (!parsed.success) {
          if (others.length < options.n) others.push({ row: row.row, text: `── row ${row.row}: not a sample of this format\n${JSON.stringify(row.value).slice(0, 400)}` });
          continue;
        }
        const level = parsed.data.reward_spec.ground_truth.complexity;
        const pick = { row: row.row, text: `${describeSample(parsed.data)}\n   (row ${row.row})` };
        if (!firstOfLevel.has(level)) firstOfLevel.set(level, pick);
        else if (others.length < options.n) others.push(pick);
      }
      const chosen = [...firstOfLevel.values()];
      for (const pick of others) if (chosen.length < Math.max(options.n, firstOfLevel.size)) chosen.push(pick);
      chosen.sort((a, b) => a.row - b.row);
      process.stdout.write(chosen.length ? `${chosen.map((pick) => pick.text).join('\n\n')}\n` : `${options.file}: no samples\n`);
      process.stdout.write(`\n${options.file}: ${rows} rows, showing ${chosen.length}\n`);
    });
}
