import { ConfigError } from '@forge/errors';
import { DEFAULT_DATA_DIR } from '@forge/mcp-host';
import { DEFAULT_SNAPSHOT_ID, snapshotDir } from '@forge/snapshot';
import { createToolWorld } from '@forge/tool-world';
import { ToolHub, ToolHubError, readServerConfigs } from '@forge/tools';
import type { Environment } from './environment.ts';

export interface ConnectToolHubOptions {
  configDir: string;
  /** Link the five servers into this process (MCP in-memory transport) instead of reaching running ones. */
  inProcess: boolean;
  snapshotId?: string;
  backend: string;
  environment: Environment;
}

export interface ConnectedTools {
  hub: ToolHub;
  close(): Promise<void>;
}

/**
 * The tools a generate run calls: the running servers the configs name, or (inProcess) the same five server
 * factories linked in-process and health-checked (expected tools + probe from the same configs) before any entry
 * runs, so a generate task needs neither start-mcp nor ports. Throws ToolHubError naming each unhealthy server.
 */
export async function connectToolHub(options: ConnectToolHubOptions): Promise<ConnectedTools> {
  const configs = await readServerConfigs(options.configDir);
  if (!options.inProcess) {
    const hub = await ToolHub.connect(configs);
    return { hub, close: () => hub.close() };
  }
  if (options.backend !== 'snapshot' && options.backend !== 'live') {
    throw new ConfigError({ field: 'MCP_BACKEND', expected: 'snapshot | live', received: options.backend });
  }
  const world = await createToolWorld({
    snapshotDir: snapshotDir('.', options.snapshotId ?? DEFAULT_SNAPSHOT_ID),
    dataDir: DEFAULT_DATA_DIR,
    backend: options.backend,
    env: options.environment,
  });
  const byName = new Map(configs.map((config) => [config.name, config]));
  let hub: ToolHub | undefined;
  try {
    hub = await ToolHub.inMemory(world.servers.map((server) => ({ ...server, expected_tools: byName.get(server.name)?.expected_tools, probe: byName.get(server.name)?.probe })));
    const down = (await hub.health()).filter((health) => !health.ok);
    if (down.length > 0) {
      throw new ToolHubError({
        problem: `in-process MCP servers not healthy: ${down.map((health) => `${health.server} (${health.reason ?? `missing ${health.missing_tools.join(', ')}`})`).join('; ')}`,
        hint: 'check the snapshot (SNAPSHOT_ID) and, for MCP_BACKEND=live, the API keys; `npm run forge -- health` over running servers says more',
      });
    }
  } catch (error) {
    await hub?.close();
    await world.close();
    throw error;
  }
  const linked = hub;
  return { hub: linked, close: async () => { await linked.close(); await world.close(); } };
}
