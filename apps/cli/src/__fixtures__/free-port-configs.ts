import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@forge/tools';

export const SERVERS = ['polygon', 'fmp', 'tavily', 'python', 'slack'];

/** Copies the shipped server configs into `dir` with every port moved to a free one, so a test never meets a running `npm start`. */
export async function writeConfigsOnFreePorts(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const name of SERVERS) {
    const config = JSON.parse(readFileSync(`mcp_servers/configs/${name}.json`, 'utf8'));
    const port = await freePort();
    const old = String(config.http.port);
    config.url = config.url.replace(`:${old}/`, `:${port}/`);
    config.http.port = port;
    config.http.args = config.http.args.map((arg: string) => (arg === old ? String(port) : arg));
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(config));
  }
}
