import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';
import type { ToolSpec } from './tool-spec.ts';

/**
 * The SDK client compiles an ajv validator for every tool's output schema as soon as it lists the tools (about a
 * second of each generate process's start-up for the five servers, most of whose tools a run never calls). This
 * provider gives the client the same validators (the SDK's own, one ajv instance per client, as its default is),
 * each compiled on its tool's first result instead: every structured result is still checked against its schema.
 */
function lazyOutputValidators(): jsonSchemaValidator {
  let ajv: AjvJsonSchemaValidator | undefined;
  return {
    getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
      let compiled: JsonSchemaValidator<T> | undefined;
      return (input) => (compiled ??= (ajv ??= new AjvJsonSchemaValidator()).getValidator<T>(schema))(input);
    },
  };
}

/** How to reach one server; a link opens a fresh connection from it after every transport failure. */
export type ServerTarget =
  | { kind: 'streamable-http'; url: string }
  | { kind: 'stdio'; command: string; args: string[]; cwd?: string; stderr?: 'inherit' | 'ignore' | 'pipe' }
  | { kind: 'memory'; server: McpServer | (() => McpServer | Promise<McpServer>) };

export interface ServerLinkOptions {
  name: string;
  target: ServerTarget;
  connectTimeoutMs: number;
  clientName: string;
}

/** Where a target lives, for messages: the URL, the command line, or "in-memory". */
export function describeTarget(target: ServerTarget): string {
  if (target.kind === 'streamable-http') return target.url;
  if (target.kind === 'stdio') return `stdio: ${[target.command, ...target.args].join(' ')}`;
  return 'in-memory';
}

/** One server's MCP client, connected on demand and replaced after a transport failure. */
export class ServerLink {
  readonly name: string;
  readonly location: string;
  tools: ToolSpec[] = [];
  /** Per tool, whether a repeat of a call is harmless: read-only or marked idempotent (or unannotated, as before). */
  private readonly retrySafe = new Map<string, boolean>();
  private readonly options: ServerLinkOptions;
  private connecting: Promise<Client> | undefined;
  private memoryServer: McpServer | undefined;

  constructor(options: ServerLinkOptions) {
    this.options = options;
    this.name = options.name;
    this.location = describeTarget(options.target);
  }

  /** The connected client, connecting first when there is none; rejects when the server cannot be reached. */
  client(): Promise<Client> {
    if (!this.connecting) {
      this.connecting = this.open();
      this.connecting.catch(() => {
        this.connecting = undefined;
      });
    }
    return this.connecting;
  }

  /** Lists the server's tools (every page) and remembers them as this server's inventory. */
  async refreshTools(): Promise<ToolSpec[]> {
    const client = await this.client();
    const specs: ToolSpec[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined, { timeout: this.options.connectTimeoutMs });
      for (const tool of page.tools) {
        const hints = tool.annotations;
        this.retrySafe.set(tool.name, hints === undefined || hints.readOnlyHint === true || hints.idempotentHint === true);
        specs.push({
          server: this.name,
          tool: tool.name,
          description: tool.description ?? '',
          inputSchema: tool.inputSchema as Record<string, unknown>,
          ...(tool.outputSchema ? { outputSchema: tool.outputSchema as Record<string, unknown> } : {}),
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    this.tools = specs.sort((left, right) => left.tool.localeCompare(right.tool));
    return this.tools;
  }

  /** False for a tool whose annotations say it writes and is not idempotent (e.g. slack.send_slack_message). */
  isRetrySafe(tool: string): boolean {
    return this.retrySafe.get(tool) ?? true;
  }

  /** Drops the current connection so the next call opens a new one (a restarted server, a fresh session). */
  async reset(): Promise<void> {
    const current = this.connecting;
    this.connecting = undefined;
    if (!current) return;
    const client = await current.catch(() => undefined);
    await client?.close().catch(() => {});
  }

  async close(): Promise<void> {
    const current = this.connecting;
    this.connecting = undefined;
    const client = await current?.catch(() => undefined);
    if (client) {
      const transport = client.transport;
      // Ends the server-side session now instead of leaving it to the idle sweep.
      if (transport instanceof StreamableHTTPClientTransport) await transport.terminateSession().catch(() => {});
      await client.close().catch(() => {});
    }
    await this.memoryServer?.close().catch(() => {});
  }

  private async open(): Promise<Client> {
    const client = new Client({ name: this.options.clientName, version: '1.0.0' }, { jsonSchemaValidator: lazyOutputValidators() });
    client.onerror = () => {};
    await client.connect(await this.transport(), { timeout: this.options.connectTimeoutMs });
    return client;
  }

  private async transport(): Promise<Transport> {
    const target = this.options.target;
    if (target.kind === 'streamable-http') {
      return new StreamableHTTPClientTransport(new URL(target.url), {
        // The hub retries calls itself; the SDK's own SSE reconnect loop would only add noise.
        reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 100, maxReconnectionDelay: 100, reconnectionDelayGrowFactor: 1 },
      });
    }
    if (target.kind === 'stdio') {
      return new StdioClientTransport({ command: target.command, args: target.args, cwd: target.cwd, stderr: target.stderr ?? 'inherit' });
    }
    // An McpServer binds one transport at a time: close the previous pairing before linking a new one.
    await this.memoryServer?.close().catch(() => {});
    this.memoryServer = typeof target.server === 'function' ? await target.server() : target.server;
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await this.memoryServer.connect(serverSide);
    return clientSide;
  }
}
