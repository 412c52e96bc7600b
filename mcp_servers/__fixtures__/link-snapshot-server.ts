import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterAll, beforeAll } from 'vitest';
import { linkInMemory, outputValidators } from '@forge/mcp-host';
import { DEFAULT_SNAPSHOT_ID, loadSnapshot, snapshotDir, type Snapshot } from '@forge/snapshot';
import { checkedCaller, type CheckedCall } from './checked-caller.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A server over the committed default snapshot, linked in-process to a client, for one test file. */
export interface SnapshotServerLink {
  readonly snapshot: Snapshot;
  readonly client: Client;
  /** Calls a tool, asserting success, schema-valid structured content and a text rendering (see checkedCaller). */
  call: CheckedCall;
}

/**
 * Registers the test file's hooks: before all tests, loads the default snapshot, builds the server with `create`
 * and links a client named `clientName` to it; after all, closes the client. Use the result inside tests only.
 */
export function linkSnapshotServer(clientName: string, create: (snapshot: Snapshot) => McpServer): SnapshotServerLink {
  let linked: { snapshot: Snapshot; client: Client; call: CheckedCall } | undefined;
  const current = () => {
    if (!linked) throw new Error('linkSnapshotServer: the server is linked in beforeAll; use it inside a test');
    return linked;
  };
  beforeAll(async () => {
    const snapshot = await loadSnapshot(snapshotDir(root, DEFAULT_SNAPSHOT_ID));
    const client = await linkInMemory(create(snapshot), clientName);
    linked = { snapshot, client, call: checkedCaller(client, await outputValidators(client)) };
  });
  afterAll(async () => {
    await linked?.client.close();
  });
  return {
    get snapshot() {
      return current().snapshot;
    },
    get client() {
      return current().client;
    },
    call: (name, args) => current().call(name, args),
  };
}
