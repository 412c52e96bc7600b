import { Command } from 'commander';
import { ForgeError } from '@forge/errors';
import { replayDatasetFile } from '@forge/packager';
import { parsePositive } from '../options.ts';

const figure = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));

/** `forge replay <dataset>`: the oracle replay of every row, scored as the training environment scores it. */
export function replayCommand(): Command {
  return new Command('replay')
    .description("re-run each row's plan over its recorded tool results and score its reference answer with the environment's final-answer heuristic; exit 1 if any row falls short of every step, full coverage and full grounding")
    .argument('[dataset]', 'a packaged dataset file (.jsonl or .json) whose raw traces sit beside it', 'data/processed/train.jsonl')
    .option('--show <n>', 'rows falling short to print', parsePositive, 20)
    .action(async (file: string, options: { show: number }) => {
      const result = await replayDatasetFile(file);
      for (const rejection of result.rejections.slice(0, options.show)) {
        for (const problem of rejection.problems) process.stdout.write(`row ${rejection.row}${rejection.prompt_id ? ` · ${rejection.prompt_id}` : ''}: [${problem.code}] ${problem.message}\n`);
      }
      if (result.rejections.length > options.show) process.stdout.write(`… ${result.rejections.length - options.show} more rows fall short\n`);
      const { summary } = result;
      const bins = Object.entries(summary.heuristic_histogram).filter(([, count]) => count > 0).map(([bin, count]) => `${bin}: ${count}`).join(', ') || 'none';
      process.stdout.write(
        `${file}: ${result.rows} rows, ${summary.full} earn the full replay (every step accepted, coverage 1, grounding 1); `
        + `mean coverage ${figure(summary.mean_coverage)}, grounding ${figure(summary.mean_grounding)}, step reward ${figure(summary.mean_step_reward)}; final heuristic ${bins}\n`,
      );
      const short = result.rejections.length;
      if (short > 0) throw new ForgeError({ file, problem: `${short} of ${result.rows} rows fall short on replay (${Object.entries(result.histogram).map(([code, count]) => `${code} ${count}`).join(', ')})` });
    });
}
