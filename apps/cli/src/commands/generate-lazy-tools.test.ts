import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSlackServer, selectSlackBackend } from '@forge/mcp-slack';
import { createToolWorld } from '@forge/tool-world';
import { ToolHubError } from '@forge/tools';
import type { Environment } from '../environment.ts';
import { runCli } from '../run-cli.ts';
import { generateCommand } from './generate.ts';

// Issue 14 item 2 through the generate command: the in-process tool world is built (and health-gated) only when a
// shard has an entry to generate. The spy on createToolWorld is the evidence: a run of cache hits never calls it.
vi.mock('@forge/tool-world', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@forge/tool-world')>();
  return { ...actual, createToolWorld: vi.fn(actual.createToolWorld) };
});

const world = vi.mocked(createToolWorld);
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'forge-lazy-tools-'));
  const catalog = [
    { id: 'L1', complexity: 'easy', user_prompt: "What was AAPL's closing price in the latest session?" },
    { id: 'L2', complexity: 'easy', user_prompt: 'MSFT last price and previous close, one line.' },
  ];
  writeFileSync(join(root, 'catalog.json'), JSON.stringify(catalog));
});

afterEach(() => {
  process.exitCode = undefined;
  world.mockClear();
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

async function generate(out: string, environment: Environment = {}, ...extra: string[]): Promise<number> {
  const program = new Command('forge').addCommand(generateCommand(environment));
  const args = ['generate', '--in-process', '--prompt-file', join(root, 'catalog.json'), '--out', join(root, out), '--cache-dir', join(root, 'cache'), '--log-dir', join(root, 'logs'), '--progress', 'plain', ...extra];
  return runCli(program, ['node', 'forge', ...args]);
}

const read = (out: string, name: string) => readFileSync(join(root, out, name), 'utf8');

describe('generate --in-process builds the tool world only when there is work', () => {
  it('a first run generates with the world; a run of cache hits (and an empty shard) builds none and writes the same outputs', async () => {
    expect(await generate('first', {}, '--complexity', 'simple')).toBe(0);
    expect(world).toHaveBeenCalledTimes(1);
    const first = read('first', 'simple.jsonl').split('\n').filter(Boolean);
    expect(first.map((line) => JSON.parse(line).status)).toEqual(['sample', 'sample']);
    world.mockClear();

    // Another output dir over the same content cache: every entry is a hit.
    expect(await generate('cached', {}, '--complexity', 'simple')).toBe(0);
    expect(world).not.toHaveBeenCalled();
    expect(read('cached', 'simple.jsonl')).toBe(read('first', 'simple.jsonl'));
    expect(read('cached', 'simple.inventory.json')).toBe(read('first', 'simple.inventory.json'));
    expect(JSON.parse(read('cached', 'simple.run.json'))).toMatchObject({ status: 'complete', counts: { cached: 2, regenerated: 0 } });

    // The same output dir again (resumed from its own ledger), and a shard with no entries.
    expect(await generate('first', {}, '--complexity', 'simple')).toBe(0);
    expect(await generate('empty', {}, '--complexity', 'complex')).toBe(0);
    expect(world).not.toHaveBeenCalled();
    expect(read('empty', 'complex.inventory.json')).toBe(read('first', 'simple.inventory.json'));
    expect(read('empty', 'complex.jsonl')).toBe('');
  });

  it('a server that fails the health gate stops a run with work before any entry, with the health error and nothing written', async () => {
    const actual = await vi.importActual<typeof import('@forge/tool-world')>('@forge/tool-world');
    // The python server lists no execute_python: the gate names it, as it does for a sandbox that cannot start.
    world.mockImplementationOnce(async (options) => {
      const real = await actual.createToolWorld(options);
      const slack = selectSlackBackend({ backend: 'snapshot', dataDir: options.dataDir, env: {} });
      return { ...real, servers: real.servers.map((server) => (server.name === 'python' ? { name: 'python', server: () => createSlackServer(slack) } : server)) };
    });
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      const code = await generate('down', {}, '--complexity', 'simple', '--no-resume', '--cache-dir', join(root, 'cold-cache'));
      expect(code).toBe(new ToolHubError({ problem: 'x' }).exitCode);
      const said = stderr.mock.calls.map(([text]) => String(text)).join('');
      expect(said).toMatch(/error: in-process MCP servers not healthy: python \(missing tools: execute_python\)/);
    } finally {
      stderr.mockRestore();
    }
    expect(world).toHaveBeenCalledTimes(1);
    expect(existsSync(join(root, 'down')) ? readdirSync(join(root, 'down')) : []).toEqual([]);
    expect(existsSync(join(root, 'cold-cache'))).toBe(false);
  });

  it('a missing snapshot fails early with the tool world\'s snapshot error, as before', async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    let code: number;
    try {
      code = await generate('missing', { SNAPSHOT_ID: 'no-such-snapshot' }, '--complexity', 'simple');
      const said = stderr.mock.calls.map(([text]) => String(text)).join('');
      expect(said).toContain('error: data/snapshot/no-such-snapshot/meta.json: cannot read snapshot file');
    } finally {
      stderr.mockRestore();
    }
    expect(code).not.toBe(0);
    expect(world).toHaveBeenCalledTimes(1);
    expect(existsSync(join(root, 'missing'))).toBe(false);
  });
});
