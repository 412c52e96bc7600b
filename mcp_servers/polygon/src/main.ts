/** Entry: `node --import tsx mcp_servers/polygon/src/main.ts --transport stdio|http [--port 7101] [--backend snapshot|live]`. */
import { runServerMain, type CreateServerOptions } from '@forge/mcp-host';
import { createPolygonBackend, createPolygonServer, type PolygonBackend } from './index.ts';

// Over HTTP the factory runs once per session: build the backend (snapshot load) once and share it.
let backend: Promise<PolygonBackend> | undefined;

await runServerMain({
  name: 'polygon',
  create: async (options: CreateServerOptions) => {
    backend ??= createPolygonBackend(options);
    return createPolygonServer(await backend);
  },
});
