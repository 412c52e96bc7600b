/** Entry: `node --import tsx mcp_servers/fmp/src/main.ts --transport stdio|http [--port 7102] [--backend snapshot|live]`. */
import { runServerMain, type CreateServerOptions } from '@forge/mcp-host';
import { createFmpBackend, createFmpServer, type FmpBackend } from './index.ts';

// Over HTTP the factory runs once per session: build the backend (snapshot load) once and share it.
let backend: Promise<FmpBackend> | undefined;

await runServerMain({
  name: 'fmp',
  create: async (options: CreateServerOptions) => {
    backend ??= createFmpBackend(options);
    return createFmpServer(await backend);
  },
});
