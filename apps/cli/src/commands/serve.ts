import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@forge/files';
import { Command, InvalidArgumentError } from 'commander';
import { portInUse, readServerConfigs, startServers, waitForHealthy } from '@forge/tools';
import { ConfigError } from '@forge/errors';
import { backendFor, backendVariable } from '@forge/mcp-host';
import type { ServerConfig } from '@forge/tools';
import type { Environment } from '../environment.ts';
import { parsePositive } from '../options.ts';
import { recordRunId } from '../run-id.ts';

export const DEFAULT_CONFIG_DIR = 'mcp_servers/configs';
export const DEFAULT_LOGS_DIR = 'logs/dataset_runs';

/** Commander parser for `--servers polygon,fmp`. */
export function parseServerList(value: string): string[] {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError('expected server names separated by commas, e.g. polygon,fmp');
  return names;
}

/** A run id that sorts by time, so "the latest run" is the last folder name. */
export function defaultRunId(now = new Date()): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

interface ServeOptions {
  servers?: string[];
  configDir: string;
  runId?: string;
  logsDir: string;
  backend?: string;
  snapshotDir?: string;
  dataDir?: string;
  readyDeadlineMs: number;
}

/**
 * One line per server whose live backend (by --backend, MCP_BACKEND_<SERVER> or MCP_BACKEND) lacks an environment
 * variable its config's `live_env` names; such a server would exit at start and crash-loop under the supervisor.
 */
export function missingLiveKeys(configs: ServerConfig[], environment: Record<string, string | undefined>, flag?: string): string[] {
  const lines: string[] = [];
  for (const config of configs) {
    if (backendFor(config.name, environment, flag) !== 'live') continue;
    const missing = (config.live_env ?? []).filter((name) => !environment[name]?.trim());
    if (missing.length > 0) {
      lines.push(`${config.name}: the live backend needs ${missing.join(', ')}, which is not set (set it, or ${backendVariable(config.name)}=snapshot)`);
    }
  }
  return lines;
}

const NONCE_FILE = 'run-nonce';

/** The run nonce `serve` recorded for a run (`<logsDir>/<runId>/run-nonce`), if any. */
export function recordedRunNonce(logsDir: string, runId: string): string | undefined {
  const file = join(logsDir, runId, NONCE_FILE);
  if (!existsSync(file)) return undefined;
  const nonce = readFileSync(file, 'utf8').trim();
  return /^[A-Za-z0-9-]{8,128}$/.test(nonce) ? nonce : undefined;
}

function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
    const handler = (signal: NodeJS.Signals) => {
      for (const name of signals) process.off(name, handler);
      resolve(signal);
    };
    for (const name of signals) process.on(name, handler);
  });
}

/** `forge serve`: start the MCP servers over HTTP on 127.0.0.1, supervise them, stop them all on SIGTERM/SIGINT. */
export function serveCommand(environment: Environment): Command {
  return new Command('serve')
    .description('start the MCP servers (Streamable HTTP on 127.0.0.1, ports from their configs), restart any that dies, stop all on SIGTERM/SIGINT')
    .option('--servers <names>', 'comma-separated subset, e.g. polygon,fmp (default: every config)', parseServerList)
    .option('--config-dir <dir>', 'folder of <server>.json configs', DEFAULT_CONFIG_DIR)
    .option('--run-id <id>', 'log folder name under --logs-dir (env RUN_ID; default the start time, e.g. 2026-11-25T21-30-00Z)', environment.RUN_ID)
    .option('--logs-dir <dir>', 'root of per-run logs; one <server>.log each', DEFAULT_LOGS_DIR)
    .option('--backend <backend>', 'snapshot | live, passed to every server (default: env MCP_BACKEND_<SERVER>, then MCP_BACKEND, then snapshot)')
    .option('--snapshot-dir <dir>', 'snapshot folder passed to every server')
    .option('--data-dir <dir>', 'data root passed to every server')
    .option('--ready-deadline-ms <ms>', 'how long to wait before reporting servers that are not healthy yet', parsePositive, 60_000)
    .action(async (options: ServeOptions) => {
      const configs = await readServerConfigs(options.configDir, options.servers);
      // Checked before anything starts: without its key a live server exits at once and the supervisor restarts it forever.
      const missing = missingLiveKeys(configs, environment, options.backend);
      if (missing.length > 0) {
        for (const line of missing) process.stderr.write(`serve: ${line}\n`);
        process.exitCode = 1;
        return;
      }
      // A taken port would crash-loop its server while the health check talks to whoever holds the port.
      const taken: string[] = [];
      for (const config of configs) if (await portInUse(config.http.port)) taken.push(`${config.name} port ${config.http.port}`);
      if (taken.length > 0) {
        throw new ConfigError({ file: options.configDir, problem: `ports already in use: ${taken.join(', ')}`, hint: 'stop the other forge serve (or program), or set other ports in the server configs' });
      }
      const runId = options.runId ?? defaultRunId();
      const logDir = join(options.logsDir, runId);
      await recordRunId(options.logsDir, runId);
      // Each start of serve gets its own identity; its servers report it on GET /health and health checks it.
      const runNonce = randomBytes(16).toString('hex');
      await mkdir(logDir, { recursive: true });
      await writeFileAtomic(join(logDir, NONCE_FILE), `${runNonce}\n`);
      const extraArgs = [
        '--run-nonce',
        runNonce,
        ...(options.backend ? ['--backend', options.backend] : []),
        ...(options.snapshotDir ? ['--snapshot-dir', options.snapshotDir] : []),
        ...(options.dataDir ? ['--data-dir', options.dataDir] : []),
      ];
      const stopped = waitForStopSignal();
      const supervisor = startServers(configs, { logDir, cwd: process.cwd(), extraArgs });
      process.stderr.write(`serve: starting ${configs.map((config) => `${config.name} ${config.url}`).join(', ')}; logs in ${logDir}/\n`);

      let signal: NodeJS.Signals | undefined;
      void stopped.then((received) => {
        signal = received;
      });
      const health = await Promise.race([
        waitForHealthy(configs, { deadlineMs: options.readyDeadlineMs, intervalMs: 250, hubOptions: { runNonce } }),
        stopped.then(() => undefined),
      ]);
      if (health?.ok) process.stderr.write(`serve: all ${configs.length} servers healthy\n`);
      for (const result of health?.results.filter((item) => !item.ok) ?? []) {
        process.stderr.write(`serve: ${result.server} at ${result.url} not healthy yet: ${result.reason}\n`);
      }
      signal ??= await stopped;
      process.stderr.write(`serve: ${signal} received, stopping servers\n`);
      await supervisor.stop();
      process.stderr.write('serve: all servers stopped\n');
    });
}
