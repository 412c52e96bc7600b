import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ToolHub, freePort, readServerConfigs, startServers, waitForHealthy, type ServerConfig, type Supervisor, type SupervisorEvent, type ToolHubOptions } from '@forge/tools';

/** The same server config on another port (url, http.port and the `--port` argument). */
export function onPort(config: ServerConfig, port: number): ServerConfig {
  const args = [...config.http.args];
  const at = args.indexOf('--port');
  if (at >= 0) args[at + 1] = String(port);
  else args.push('--port', String(port));
  const url = new URL(config.url);
  url.port = String(port);
  return { ...config, url: url.toString(), http: { ...config.http, args, port } };
}

export interface HttpToolWorld {
  configs: ServerConfig[];
  supervisor: Supervisor;
  hub: ToolHub;
  events: SupervisorEvent[];
  close(): Promise<void>;
}

export interface HttpToolWorldOptions {
  /** Workspace root (server args are relative to it). */
  root: string;
  configDir?: string;
  only?: string[];
  hubOptions?: ToolHubOptions;
  restartDelayMs?: number;
}

/**
 * The real MCP servers as supervised HTTP children on free ports, a scratch Slack workspace, and a ToolHub
 * connected to them once all are healthy. close() stops everything and removes the scratch folder.
 */
export async function startHttpToolWorld(options: HttpToolWorldOptions): Promise<HttpToolWorld> {
  const scratch = await mkdtemp(join(tmpdir(), 'forge-servers-'));
  const base = await readServerConfigs(join(options.root, options.configDir ?? 'mcp_servers/configs'), options.only);
  const configs: ServerConfig[] = [];
  for (const config of base) configs.push(onPort(config, await freePort()));
  const events: SupervisorEvent[] = [];
  const supervisor = startServers(configs, {
    logDir: join(scratch, 'logs'),
    cwd: options.root,
    extraArgs: ['--data-dir', join(scratch, 'data')],
    restartDelayMs: options.restartDelayMs ?? 100,
    log: () => {},
    onEvent: (event) => events.push(event),
  });
  const close = async () => {
    await supervisor.stop();
    await rm(scratch, { recursive: true, force: true });
  };
  try {
    const health = await waitForHealthy(configs, { deadlineMs: 90_000, intervalMs: 250 });
    if (!health.ok) throw new Error(`MCP servers not healthy: ${health.results.filter((result) => !result.ok).map((result) => `${result.server}: ${result.reason}`).join('; ')}`);
    const hub = await ToolHub.connect(configs, options.hubOptions);
    return {
      configs, supervisor, hub, events,
      close: async () => {
        await hub.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
