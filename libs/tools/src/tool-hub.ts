import PQueue from 'p-queue';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { checkRunNonce } from './check-run-nonce.ts';
import { classifyCallError } from './classify-call-error.ts';
import { inventorySha256 } from './inventory-sha256.ts';
import type { ServerConfig } from './server-config.ts';
import { ServerLink, type ServerTarget } from './server-link.ts';
import { toToolResult } from './to-tool-result.ts';
import { ToolHubError } from './tool-hub-error.ts';
import { callMeta, idempotencyKey } from './for-episode.ts';
import type { ToolCaller, ToolCallOptions, ToolResult, ToolSpec } from './tool-spec.ts';

export interface ToolHubOptions {
  /** How to reach servers given as configs: their running HTTP endpoint (default) or a stdio child each. */
  transport?: 'streamable-http' | 'stdio';
  /** Working directory for stdio children (config args are relative to the workspace root). */
  cwd?: string;
  stdioStderr?: 'inherit' | 'ignore' | 'pipe';
  callTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Extra attempts after a transport failure (never after a tool error or a timeout). */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Calls in flight per server. */
  concurrency?: number;
  /** Throw ToolHubError from connect when a server cannot be reached (default true); health checks pass false. */
  requireAll?: boolean;
  /** health() requires each HTTP server's GET /health to report this run nonce (set by the `serve` that started it). */
  runNonce?: string;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  clientName?: string;
}

/** A server to reach in-process, for unit tests. */
export interface InMemoryServer {
  name: string;
  server: McpServer | (() => McpServer | Promise<McpServer>);
  expected_tools?: string[];
  probe?: { tool: string; arguments: Record<string, unknown> };
}

/** One server's answer to `health()`. */
export interface ServerHealth {
  server: string;
  ok: boolean;
  url: string;
  tools: string[];
  missing_tools: string[];
  reason?: string;
  latency_ms: number;
}

interface Member {
  link: ServerLink;
  queue: PQueue;
  expectedTools: string[];
  probe?: { tool: string; arguments: Record<string, unknown> };
}

interface MemberSpec {
  name: string;
  target: ServerTarget;
  expectedTools: string[];
  probe?: { tool: string; arguments: Record<string, unknown> };
}

/** Acknowledged writes remembered for plan repeats; the oldest go first past this (the server dedups them too). */
const MAX_ACKNOWLEDGED = 10_000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A signal of its own for one request, aborted when the run's signal aborts. The SDK adds an abort listener to the
 * signal of every request and never removes it: given the run-wide signal, each tool call of a run stayed reachable
 * (about 20,000 listeners halfway through a 4,000-entry shard; issue 19 item 11). This one is dropped with the request.
 */
function requestSignal(run: AbortSignal | undefined): { signal: AbortSignal; release: () => void } | undefined {
  if (!run) return undefined;
  const controller = new AbortController();
  const forward = () => controller.abort(run.reason);
  if (run.aborted) forward();
  else run.addEventListener('abort', forward, { once: true });
  return { signal: controller.signal, release: () => run.removeEventListener('abort', forward) };
}

/** MCP clients for every configured server behind the ToolCaller face: timeouts, bounded retries, per-server limits. */
export class ToolHub implements ToolCaller {
  private readonly members: Map<string, Member>;
  /** Acknowledged results of writes by idempotency key: a repeat of the plan gets the same answer, nothing sent. */
  private readonly acknowledged = new Map<string, ToolResult>();
  private readonly settings: Required<Omit<ToolHubOptions, 'transport' | 'cwd' | 'stdioStderr' | 'requireAll' | 'runNonce'>>;
  private readonly runNonce: string | undefined;

  private constructor(specs: MemberSpec[], options: ToolHubOptions) {
    this.runNonce = options.runNonce;
    this.settings = {
      callTimeoutMs: options.callTimeoutMs ?? 30_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      retries: options.retries ?? 2,
      baseDelayMs: options.baseDelayMs ?? 200,
      maxDelayMs: options.maxDelayMs ?? 2_000,
      concurrency: options.concurrency ?? 4,
      sleep: options.sleep ?? defaultSleep,
      now: options.now ?? (() => performance.now()),
      clientName: options.clientName ?? 'curriculum-forge',
    };
    this.members = new Map(
      specs.map((spec) => [
        spec.name,
        {
          link: new ServerLink({ name: spec.name, target: spec.target, connectTimeoutMs: this.settings.connectTimeoutMs, clientName: this.settings.clientName }),
          queue: new PQueue({ concurrency: this.settings.concurrency }),
          expectedTools: spec.expectedTools,
          probe: spec.probe,
        },
      ]),
    );
  }

  /** Connects to every configured server and lists its tools; throws ToolHubError naming each unreachable one (unless requireAll is false). */
  static async connect(configs: ServerConfig[], options: ToolHubOptions = {}): Promise<ToolHub> {
    const specs = configs.map((config): MemberSpec => ({
      name: config.name,
      target:
        options.transport === 'stdio'
          ? { kind: 'stdio', command: config.stdio.command, args: config.stdio.args, cwd: options.cwd, stderr: options.stdioStderr }
          : { kind: 'streamable-http', url: config.url },
      expectedTools: config.expected_tools,
      probe: config.probe,
    }));
    return ToolHub.start(specs, options);
  }

  /** Links each server in-process (InMemoryTransport), for unit tests; a factory gives a fresh server on reconnect. */
  static async inMemory(servers: InMemoryServer[], options: ToolHubOptions = {}): Promise<ToolHub> {
    const specs = servers.map((entry): MemberSpec => ({
      name: entry.name,
      target: { kind: 'memory', server: entry.server },
      expectedTools: entry.expected_tools ?? [],
      probe: entry.probe,
    }));
    return ToolHub.start(specs, options);
  }

  private static async start(specs: MemberSpec[], options: ToolHubOptions): Promise<ToolHub> {
    const hub = new ToolHub(specs, options);
    const failures: string[] = [];
    await Promise.all(
      [...hub.members.values()].map(async ({ link }) => {
        try {
          await link.refreshTools();
        } catch (error) {
          await link.reset();
          failures.push(`${link.name} at ${link.location}: ${classifyCallError(error).message}`);
        }
      }),
    );
    if (failures.length > 0 && options.requireAll !== false) {
      await hub.close();
      throw new ToolHubError({
        problem: `cannot reach ${failures.length} MCP server(s): ${failures.sort().join('; ')}`,
        hint: 'start them with `npm run forge -- serve` (or nx run dataset:start-mcp), then `npm run forge -- health`',
        retryable: true,
      });
    }
    return hub;
  }

  /** Every tool of every reachable server, ordered by server then tool. */
  inventory(): ToolSpec[] {
    return [...this.members.values()].flatMap(({ link }) => link.tools).sort((left, right) =>
      left.server === right.server ? left.tool.localeCompare(right.tool) : left.server.localeCompare(right.server),
    );
  }

  /** A stable hash of the inventory's names and schemas. */
  inventorySha256(): string {
    return inventorySha256(this.inventory());
  }

  /**
   * Calls one tool; never throws: tool errors, timeouts and transport failures come back as `ok: false`. An episode in
   * the options travels as request `_meta['forge/episode']` (and its step as `_meta['forge/step']`). A write (a tool
   * whose annotations say it is neither read-only nor idempotent) is never retried; with an episode and step it carries
   * an idempotency key (`_meta['forge/idempotency-key']`), and a repeat of an acknowledged key returns the same result
   * without calling the server.
   */
  async call(server: string, tool: string, args: Record<string, unknown>, options: ToolCallOptions = {}): Promise<ToolResult> {
    const member = this.members.get(server);
    if (!member) {
      return { ok: false, kind: 'tool_error', error: `unknown server ${server} (known: ${[...this.members.keys()].join(', ')})`, latencyMs: 0 };
    }
    const write = !member.link.isRetrySafe(tool);
    const key = write && options.episode && options.step !== undefined ? idempotencyKey({ episode: options.episode, step: options.step, server, tool, args }) : undefined;
    const earlier = key === undefined ? undefined : this.acknowledged.get(key);
    if (earlier) return { ...earlier, latencyMs: 0 };
    // A write whose reply was lost may have happened: retrying here could do it twice. The caller may repeat the plan;
    // the repeat carries the same key, and the server answers a key it has seen with what it did then.
    const retries = write ? 0 : this.settings.retries;
    const result = (await member.queue.add(() => this.callWithRetries(member.link, tool, args, retries, options, key))) as ToolResult;
    if (key !== undefined && result.ok) {
      this.acknowledged.set(key, result);
      if (this.acknowledged.size > MAX_ACKNOWLEDGED) this.acknowledged.delete(this.acknowledged.keys().next().value as string);
    }
    return result;
  }

  private async callWithRetries(link: ServerLink, tool: string, args: Record<string, unknown>, retries: number, options: ToolCallOptions = {}, key?: string): Promise<ToolResult> {
    const meta = callMeta(options, key);
    const started = this.settings.now();
    const elapsed = () => Math.round(this.settings.now() - started);
    for (let attempt = 0; ; attempt += 1) {
      const request = requestSignal(options.signal);
      try {
        const client = await link.client();
        const reply = await client.callTool({ name: tool, arguments: args, ...(meta ? { _meta: meta } : {}) }, undefined, {
          timeout: this.settings.callTimeoutMs,
          ...(request ? { signal: request.signal } : {}),
        });
        return toToolResult(reply, elapsed());
      } catch (error) {
        // A stopping run cancelled the request: neither the tool's fault nor worth a retry.
        if (options.signal?.aborted) return { ok: false, kind: 'transport_error', error: `${link.name}.${tool}: aborted (the run is stopping)`, latencyMs: elapsed() };
        const { kind, retryable, message } = classifyCallError(error);
        if (kind === 'transport_error') await link.reset();
        if (!retryable || attempt >= retries) {
          const tries = attempt > 0 ? ` (after ${attempt + 1} attempts)` : '';
          return { ok: false, kind, error: `${link.name}.${tool}: ${message}${tries}`, latencyMs: elapsed() };
        }
        await this.settings.sleep(Math.min(this.settings.maxDelayMs, this.settings.baseDelayMs * 2 ** attempt));
      } finally {
        request?.release();
      }
    }
  }

  /** Per server: connect, list tools, check the expected ones and their schemas, call the probe. Never throws. */
  async health(): Promise<ServerHealth[]> {
    // In the order the servers were given (configs come by port).
    return Promise.all([...this.members.values()].map((member) => this.checkMember(member)));
  }

  private async checkMember({ link, expectedTools, probe }: Member): Promise<ServerHealth> {
    const started = this.settings.now();
    const report = (fields: Pick<ServerHealth, 'tools' | 'missing_tools'> & { reason?: string }): ServerHealth => ({
      server: link.name,
      ok: fields.reason === undefined,
      url: link.location,
      ...fields,
      latency_ms: Math.round(this.settings.now() - started),
    });
    let specs: ToolSpec[];
    try {
      specs = await link.refreshTools();
    } catch (error) {
      await link.reset();
      return report({ tools: [], missing_tools: expectedTools, reason: `cannot list tools: ${classifyCallError(error).message}` });
    }
    const tools = specs.map((spec) => spec.tool);
    // Whoever answers on the port must be this run's server, not one another serve left running there.
    if (this.runNonce !== undefined && /^https?:/.test(link.location)) {
      const foreign = await checkRunNonce(link.location, this.runNonce, this.settings.connectTimeoutMs);
      if (foreign) return report({ tools, missing_tools: [], reason: foreign });
    }
    const missing = expectedTools.filter((name) => !tools.includes(name));
    if (missing.length > 0) return report({ tools, missing_tools: missing, reason: `missing tools: ${missing.join(', ')}` });
    const withoutSchema = specs.filter((spec) => expectedTools.includes(spec.tool) && !spec.outputSchema).map((spec) => spec.tool);
    if (withoutSchema.length > 0) return report({ tools, missing_tools: [], reason: `no outputSchema on: ${withoutSchema.join(', ')}` });
    if (probe) {
      const result = await this.callWithRetries(link, probe.tool, probe.arguments, 0);
      if (!result.ok) return report({ tools, missing_tools: [], reason: `probe ${probe.tool} failed (${result.kind}): ${result.error}` });
    }
    return report({ tools, missing_tools: [] });
  }

  /** Ends every session and client (stdio children exit with their pipe). */
  async close(): Promise<void> {
    await Promise.all([...this.members.values()].map(async ({ link, queue }) => {
      queue.clear();
      await link.close();
    }));
  }
}
