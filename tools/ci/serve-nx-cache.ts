/** `node --import tsx tools/ci/serve-nx-cache.ts --dir /tmp/nx-remote [--port 8090]` (token from NX_CACHE_SERVER_TOKEN). */
import { parseArgs } from 'node:util';
import { startNxCacheServer } from './nx-cache-server.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' }, port: { type: 'string', default: '0' } } });
if (!values.dir) {
  process.stderr.write('serve-nx-cache: --dir <folder for the cache archives> is required\n');
  process.exit(2);
}
const server = await startNxCacheServer({ dir: values.dir, port: Number(values.port), token: process.env.NX_CACHE_SERVER_TOKEN || undefined });
process.stdout.write(`${server.url}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
