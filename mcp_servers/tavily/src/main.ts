/** Entry: `node --import tsx mcp_servers/tavily/src/main.ts --transport stdio|http [--port 7103] [--backend snapshot|live]`. */
import { runServerMain, type CreateServerOptions } from '@forge/mcp-host';
import { createTavilyBackend, createTavilyServer, type TavilyBackend } from './index.ts';

// Over HTTP the factory runs once per session: build the backend (snapshot load) once and share it.
let backend: Promise<TavilyBackend> | undefined;

await runServerMain({
  name: 'tavily',
  create: async (options: CreateServerOptions) => {
    backend ??= createTavilyBackend(options);
    return createTavilyServer(await backend);
  },
});
