import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '@forge/errors';
import { readServerConfigs } from '@forge/tools';

const committed = fileURLToPath(new URL('../../../mcp_servers/configs', import.meta.url));
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folderWith(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'server-configs-'));
  dirs.push(dir);
  for (const [name, value] of Object.entries(files)) await writeFile(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
  return dir;
}

describe('readServerConfigs', () => {
  it('reads the five committed configs, in port order, on loopback', async () => {
    const configs = await readServerConfigs(committed);
    expect(configs.map((config) => `${config.name}:${config.http.port}`)).toEqual(['polygon:7101', 'fmp:7102', 'tavily:7103', 'python:7104', 'slack:7105']);
    for (const config of configs) {
      expect(new URL(config.url).hostname).toBe('127.0.0.1');
      expect(config.http.args).toContain(`mcp_servers/${config.name}/src/main.ts`);
    }
  });

  it('keeps only the requested servers and names an unknown one', async () => {
    expect((await readServerConfigs(committed, ['fmp', 'slack'])).map((config) => config.name)).toEqual(['fmp', 'slack']);
    await expect(readServerConfigs(committed, ['fmp', 'nope'])).rejects.toThrow(/servers.*"nope"/);
  });

  it('names the file and field of an invalid config', async () => {
    const good = JSON.parse(await readFile(join(committed, 'fmp.json'), 'utf8'));
    const dir = await folderWith({ 'fmp.json': { ...good, url: 'http://127.0.0.1:9999/mcp' } });
    const error = await readServerConfigs(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).context).toMatchObject({ file: join(dir, 'fmp.json'), field: 'url' });
    expect((error as Error).message).toMatch(/differs from http.port 7102/);
  });

  it('refuses two servers on one port, and broken JSON', async () => {
    const good = JSON.parse(await readFile(join(committed, 'fmp.json'), 'utf8'));
    const duplicate = await folderWith({ 'a.json': good, 'b.json': { ...good, name: 'other' } });
    await expect(readServerConfigs(duplicate)).rejects.toThrow(/fmp and other share port 7102/);
    const broken = await folderWith({ 'a.json': '{ nope' });
    await expect(readServerConfigs(broken)).rejects.toThrow(/not readable JSON/);
  });
});
