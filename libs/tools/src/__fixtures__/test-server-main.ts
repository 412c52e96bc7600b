// A thin entry like mcp_servers/<name>/src/main.ts, for supervisor and stdio tests (never the real servers).
import { runServerMain } from '@forge/mcp-host';
import { createTestServer, createTestServerState } from './test-server.ts';

const state = createTestServerState();
await runServerMain({ name: 'test', create: () => createTestServer(`test-${process.pid}`, state) });
