import { Command } from 'commander';
import { ForgeError } from '@forge/errors';
import { readServerConfigs, waitForHealthy, type ServerHealth } from '@forge/tools';
import { parsePositive } from '../options.ts';
import { currentRunId } from '../run-id.ts';
import { parseServerList, recordedRunNonce, DEFAULT_CONFIG_DIR, DEFAULT_LOGS_DIR } from './serve.ts';

function describeHealth(result: ServerHealth): string {
  if (result.ok) return `ok    ${result.server.padEnd(8)} ${result.url} (${result.tools.length} tools, ${result.latency_ms} ms)`;
  return `FAIL  ${result.server.padEnd(8)} ${result.url}: ${result.reason}`;
}

/** `forge health`: poll every configured server until all list their tools and answer a probe, or fail naming them. */
export function healthCommand(): Command {
  return new Command('health')
    .description('connect to every configured MCP server, check its tools and schemas, call a light probe; polls until the deadline, exit 1 naming each failing server')
    .option('--servers <names>', 'comma-separated subset, e.g. polygon,fmp (default: every config)', parseServerList)
    .option('--config-dir <dir>', 'folder of <server>.json configs', DEFAULT_CONFIG_DIR)
    .option('--deadline-ms <ms>', 'keep polling this long before failing', parsePositive, 30_000)
    .option('--interval-ms <ms>', 'pause between polls', parsePositive, 500)
    .option('--json', 'print the per-server results as JSON on stdout')
    .option('--logs-dir <dir>', 'root of per-run logs, where serve records the current run and its nonce', DEFAULT_LOGS_DIR)
    .option('--run-nonce <nonce>', 'accept only servers of this serve run (default: the nonce serve recorded for the current run)')
    .action(async (options: { servers?: string[]; configDir: string; deadlineMs: number; intervalMs: number; json?: boolean; logsDir: string; runNonce?: string }) => {
      const configs = await readServerConfigs(options.configDir, options.servers);
      const runId = currentRunId(options.logsDir);
      // Servers started by anything but serve have no nonce to check; a recorded one must match.
      const runNonce = options.runNonce ?? (runId === undefined ? undefined : recordedRunNonce(options.logsDir, runId));
      const outcome = await waitForHealthy(configs, { deadlineMs: options.deadlineMs, intervalMs: options.intervalMs, hubOptions: { runNonce } });
      if (options.json) process.stdout.write(`${JSON.stringify(outcome.results, null, 2)}\n`);
      else for (const result of outcome.results) process.stdout.write(`${describeHealth(result)}\n`);
      if (!outcome.ok) {
        const failed = outcome.results.filter((result) => !result.ok);
        throw new ForgeError({
          problem: `${failed.length} MCP server(s) not healthy after ${options.deadlineMs} ms: ${failed.map((result) => `${result.server} at ${result.url}: ${result.reason}`).join('; ')}`,
          hint: 'start them with `npm run forge -- serve` (logs in logs/dataset_runs/<run>/<server>.log)',
        });
      }
    });
}
