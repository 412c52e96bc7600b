import { runServerMain } from '@forge/mcp-host';
import { createSlackServer } from './create-slack-server.ts';
import { selectSlackBackend } from './select-slack-backend.ts';
import type { SlackBackend } from './slack-backend.ts';

// One backend per process, shared by every HTTP session's McpServer.
let backend: SlackBackend | undefined;

await runServerMain({
  name: 'slack',
  create: (options) => {
    backend ??= selectSlackBackend(options);
    return createSlackServer(backend);
  },
});
