import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@forge/errors';
import { parseServerConfig, type ServerConfig } from './server-config.ts';

/**
 * Reads every `*.json` server config in `dir`, ordered by port, optionally keeping only the named servers;
 * throws ConfigError for an unreadable or invalid file, a duplicate name or port, or an unknown requested name.
 */
export async function readServerConfigs(dir: string, only?: string[]): Promise<ServerConfig[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw new ConfigError({ file: dir, problem: 'cannot read the server config folder', cause: error });
  }
  const configs: ServerConfig[] = [];
  for (const name of names) {
    const file = join(dir, name);
    let value: unknown;
    try {
      value = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new ConfigError({ file, problem: `not readable JSON (${error instanceof Error ? error.message : String(error)})`, cause: error });
    }
    configs.push(parseServerConfig(value, file));
  }
  for (const field of ['name', 'port'] as const) {
    const seen = new Map<string | number, string>();
    for (const config of configs) {
      const key = field === 'name' ? config.name : config.http.port;
      const other = seen.get(key);
      if (other) throw new ConfigError({ file: dir, field, problem: `servers ${other} and ${config.name} share ${field} ${key}` });
      seen.set(key, config.name);
    }
  }
  configs.sort((left, right) => left.http.port - right.http.port);
  if (!only || only.length === 0) return configs;
  const unknown = only.filter((name) => !configs.some((config) => config.name === name));
  if (unknown.length > 0) {
    throw new ConfigError({
      file: dir,
      field: 'servers',
      expected: configs.map((config) => config.name).join(' | '),
      received: unknown.join(','),
    });
  }
  return configs.filter((config) => only.includes(config.name));
}
