import { Command } from 'commander';
import { ForgeError } from '@forge/errors';
import { validateDatasetFile, validateRun } from '@forge/packager';
import { DEFAULT_MAX_PROMPT_TOKENS, DEFAULT_PROMPT_TOKEN_ENCODING, PROMPT_TOKEN_ENCODINGS, loadSampleValidator } from '@forge/sample';
import type { Environment } from '../environment.ts';
import { promptBudget } from '../prompt-budget.ts';
import { parsePositive } from '../options.ts';

const histogramText = (histogram: Record<string, number>) =>
  Object.entries(histogram).sort(([, a], [, b]) => b - a).map(([code, count]) => `${code} ${count}`).join(', ') || 'none';

/** `forge validate [file]`: without a file, the run's shards (writes validation.json); with one, any dataset file. */
export function validateCommand(environment: Environment): Command {
  return new Command('validate')
    .description('check samples against the published JSON Schema and the quality gates; with a file (.json array or .jsonl), exit 1 if any row is rejected')
    .argument('[file]', 'a dataset file to check instead of the current run')
    .option('--generated-dir <dir>', 'where generate appended records', 'data/generated')
    .option('--out <dir>', 'where validation.json goes', 'data/processed')
    .option('--prompts-file <file>', 'prepared catalog fixing the order', 'data/inputs/curriculum_prompts.json')
    .option('--max-prompt-tokens <n>', `SkyRL max_prompt_length: prompt tokens, chat template included (env MAX_PROMPT_TOKENS, default ${DEFAULT_MAX_PROMPT_TOKENS})`, parsePositive)
    .option('--prompt-token-encoding <name>', `tokenizer the prompt is counted in: ${PROMPT_TOKEN_ENCODINGS.join(' | ')} (env PROMPT_TOKEN_ENCODING, default ${DEFAULT_PROMPT_TOKEN_ENCODING})`)
    .option('--strict', 'for the run: exit 1 when any sample is rejected (the package stage drops them anyway)')
    .option('--show <n>', 'rejections to print', parsePositive, 20)
    .action(async (file: string | undefined, options: { generatedDir: string; out: string; promptsFile: string; maxPromptTokens?: number; promptTokenEncoding?: string; strict?: boolean; show: number }) => {
      const { maxPromptTokens, promptTokenEncoding } = promptBudget(environment, options);
      if (file) {
        const result = await validateDatasetFile(file, await loadSampleValidator(), maxPromptTokens, promptTokenEncoding);
        for (const rejection of result.rejections.slice(0, options.show)) {
          const who = [rejection.row ? `row ${rejection.row}` : 'file', rejection.prompt_id, rejection.sample_id].filter(Boolean).join(' · ');
          for (const problem of rejection.problems) process.stdout.write(`${who}: [${problem.code}] ${problem.message}\n`);
        }
        if (result.rejections.length > options.show) process.stdout.write(`… ${result.rejections.length - options.show} more rejected rows\n`);
        process.stdout.write(`${file}: ${result.rows} rows, ${result.accepted} accepted, ${result.rejected} rejected (${histogramText(result.histogram)})\n`);
        if (result.rejected > 0) throw new ForgeError({ file, problem: `${result.rejected} of ${result.rows} rows rejected` });
        return;
      }
      const report = await validateRun({ generatedDir: options.generatedDir, outDir: options.out, promptsFile: options.promptsFile, maxPromptTokens, promptTokenEncoding });
      for (const problem of report.input_problems) process.stdout.write(`${problem.file}:${problem.line}: [${problem.problem}] ${problem.message}\n`);
      const rejected = report.verdicts.filter((verdict) => !verdict.ok);
      for (const verdict of rejected.slice(0, options.show)) {
        for (const problem of verdict.problems) process.stdout.write(`${verdict.prompt_id} (${verdict.complexity}): [${problem.code}] ${problem.message}\n`);
      }
      if (rejected.length > options.show) process.stdout.write(`… ${rejected.length - options.show} more rejected samples (see validation.json)\n`);
      process.stdout.write(`validated ${report.samples} samples: ${report.accepted} accepted, ${report.rejected} rejected (${histogramText(report.rejection_histogram)}); ${report.failed} prompts failed in generation (${histogramText(report.failure_histogram)}); wrote ${options.out}/validation.json\n`);
      if (options.strict && report.rejected > 0) throw new ForgeError({ problem: `${report.rejected} of ${report.samples} samples rejected`, hint: 'see validation.json' });
    });
}
