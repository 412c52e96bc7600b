export { runServerMain } from './run-server-main.ts';
export type { CreateServerOptions, RunServerMainOptions } from './run-server-main.ts';
export { serveHttp } from './serve-http.ts';
export type { ServeHttpOptions, HttpHandle } from './serve-http.ts';
export { serveStdio } from './serve-stdio.ts';
export type { StdioHandle } from './serve-stdio.ts';
export { parseServerArgs, isLoopbackHost, ServerArgsSchema, DEFAULT_SNAPSHOT_DIR, DEFAULT_DATA_DIR, DEFAULT_HOST } from './parse-server-args.ts';
export type { ServerArgs } from './parse-server-args.ts';
