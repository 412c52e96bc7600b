import { ConfigError } from '@forge/errors';
import { DEFAULT_DATA_DIR } from '@forge/mcp-host';
import { DEFAULT_SNAPSHOT_ID, snapshotDir } from '@forge/snapshot';
import { createFmpServer } from '@forge/mcp-fmp';
import { createPolygonServer } from '@forge/mcp-polygon';
import { createPythonServer, type PythonSandbox } from '@forge/mcp-python';
import { createSlackServer } from '@forge/mcp-slack';
import { createTavilyServer } from '@forge/mcp-tavily';
import { createToolWorld } from '@forge/tool-world';
import { ToolHub, ToolHubError, inventorySha256, readServerConfigs, type InMemoryServer, type ToolCallOptions, type ToolCaller, type ToolResult, type ToolSpec } from '@forge/tools';
import type { Environment } from './environment.ts';

export interface ConnectToolHubOptions {
  configDir: string;
  /** Link the five servers into this process (MCP in-memory transport) instead of reaching running ones. */
  inProcess: boolean;
  snapshotId?: string;
  backend: string;
  environment: Environment;
  /** In-process only: the sandbox execute_python runs on (one shared by the worker threads); the world's own otherwise. */
  pythonSandbox?: Pick<PythonSandbox, 'run'>;
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
    pythonSandbox: options.pythonSandbox,
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

/** A backend that must never be reached: the inventory servers only list their tools. */
function unreachable<T>(server: string): T {
  return new Proxy({}, {
    get: (_target, property) => {
      if (property === 'then') return undefined;
      throw new Error(`the ${server} inventory server has no backend (${String(property)})`);
    },
  }) as T;
}

/**
 * The in-process servers' inventory without their backends: the same five server factories createToolWorld links,
 * over backends that are never called, so no snapshot is loaded and no Python sandbox starts. Tool names, schemas and
 * descriptions are registered by the factories alone, so this is the inventory (and inventory sha256) the tool world
 * serves; the lazy hub checks that when it connects.
 */
export async function inProcessInventory(): Promise<ToolSpec[]> {
  const servers: InMemoryServer[] = [
    { name: 'polygon', server: () => createPolygonServer(unreachable('polygon')) },
    { name: 'fmp', server: () => createFmpServer(unreachable('fmp')) },
    { name: 'tavily', server: () => createTavilyServer(unreachable('tavily')) },
    { name: 'python', server: () => createPythonServer(unreachable('python')) },
    { name: 'slack', server: () => createSlackServer(unreachable('slack')) },
  ];
  const hub = await ToolHub.inMemory(servers);
  try {
    return hub.inventory();
  } finally {
    await hub.close();
  }
}

/** The tools a generate run wires its pipeline with, connected (and health-gated) only when connect() is awaited. */
export interface LazyTools {
  tools: ToolCaller & { inventorySha256(): string };
  /** Connects once (memoised); throws the connect's error (ToolHubError for a server that is down) on every call. */
  connect(): Promise<void>;
  /** Whether connect() has been called. */
  readonly started: boolean;
  /** Closes the hub if it was connected; a run that connected nothing has nothing to close. */
  close(): Promise<void>;
}

export interface OpenToolHubDependencies {
  connect?: (options: ConnectToolHubOptions) => Promise<ConnectedTools>;
  inventory?: () => Promise<ToolSpec[]>;
}

/**
 * Issue 14 item 2: with inProcess the five servers are built and health-checked only when connect() is called (the
 * generator calls it when a shard has an entry to generate), so a run whose entries are all reused boots nothing.
 * The inventory (the content-cache key's inventory sha256, the listing) comes from inProcessInventory meanwhile; a
 * connected hub serving another inventory is refused. Running servers (not inProcess) are reached at once, as before:
 * their inventory is theirs, not this checkout's.
 */
export async function openToolHub(options: ConnectToolHubOptions, dependencies: OpenToolHubDependencies = {}): Promise<LazyTools> {
  const connectHub = dependencies.connect ?? connectToolHub;
  if (!options.inProcess) {
    const connected = await connectHub(options);
    return { tools: connected.hub, connect: async () => undefined, started: true, close: () => connected.close() };
  }
  if (options.backend !== 'snapshot' && options.backend !== 'live') {
    throw new ConfigError({ field: 'MCP_BACKEND', expected: 'snapshot | live', received: options.backend });
  }
  const inventory = await (dependencies.inventory ?? inProcessInventory)();
  const sha256 = inventorySha256(inventory);
  let connecting: Promise<ConnectedTools> | undefined;
  const connected = () => {
    connecting ??= connectHub(options).then(async (tools) => {
      const served = tools.hub.inventorySha256();
      if (served !== sha256) {
        await tools.close();
        throw new ToolHubError({
          problem: `the in-process MCP servers serve another inventory (sha256 ${served}) than the one the content-cache keys were made with (${sha256})`,
          hint: 'inProcessInventory in apps/cli/src/connect-tool-hub.ts must build the same servers as createToolWorld',
        });
      }
      return tools;
    });
    return connecting;
  };
  const tools: LazyTools['tools'] = {
    inventory: () => inventory,
    inventorySha256: () => sha256,
    // ToolCaller.call never throws: a hub that cannot connect answers as a transport error (runShard connects first).
    call: async (server: string, tool: string, args: Record<string, unknown>, callOptions?: ToolCallOptions): Promise<ToolResult> => {
      let hub: ToolHub;
      try {
        hub = (await connected()).hub;
      } catch (error) {
        return { ok: false, kind: 'transport_error', error: error instanceof Error ? error.message : String(error), latencyMs: 0 };
      }
      return hub.call(server, tool, args, callOptions);
    },
  };
  return {
    tools,
    connect: async () => void (await connected()),
    get started() {
      return connecting !== undefined;
    },
    close: async () => {
      if (!connecting) return;
      const linked = await connecting.catch(() => undefined);
      await linked?.close();
    },
  };
}
