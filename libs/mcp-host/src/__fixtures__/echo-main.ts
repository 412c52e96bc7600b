// A thin entry like mcp_servers/<name>/src/main.ts, for tests of runServerMain over stdio and HTTP.
import { runServerMain } from '../run-server-main.ts';
import { createEchoServer } from './echo-server.ts';

await runServerMain({ name: 'echo', create: (options) => createEchoServer(`echo-${options.backend}`) });
