import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type ServerConfig } from '@forge/tools';

/** One server to configure: started as `node --import tsx <entry>`, over Streamable HTTP on a free loopback port. */
export interface ConfiguredServer {
  name: string;
  entry: string;
  expectedTools: string[];
  probe: ServerConfig['probe'];
}

export interface ServerConfigDirs {
  /** A fresh temp dir (named `<prefix>…`) holding `<name>.json` for the server; returns the dir and the chosen port. */
  write(prefix: string, server: ConfiguredServer): Promise<{ dir: string; port: number }>;
  /** Removes every dir written so far; call it in `afterEach`. */
  removeAll(): Promise<void>;
}

/** Temp config dirs, as `forge serve` and `forge health` read them with `--config-dir`. */
export function serverConfigDirs(): ServerConfigDirs {
  const dirs: string[] = [];
  return {
    async write(prefix, server) {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      dirs.push(dir);
      const port = await freePort();
      const entry = ['--import', 'tsx', server.entry];
      const config: ServerConfig = {
        name: server.name, url: `http://127.0.0.1:${port}/mcp`, transport: 'streamable-http',
        http: { command: 'node', args: [...entry, '--transport', 'http', '--port', String(port)], port },
        stdio: { command: 'node', args: [...entry, '--transport', 'stdio'] },
        expected_tools: server.expectedTools, probe: server.probe,
      };
      await writeFile(join(dir, `${server.name}.json`), JSON.stringify(config));
      return { dir, port };
    },
    async removeAll() {
      await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
