import { describe, expect, it } from 'vitest';
import { ConfigError } from '@forge/errors';
import { parseServerArgs, DEFAULT_SNAPSHOT_DIR } from '@forge/mcp-host';

describe('parseServerArgs', () => {
  it('defaults to stdio, loopback, snapshot backend', () => {
    expect(parseServerArgs([], {})).toEqual({
      transport: 'stdio', host: '127.0.0.1', port: 0, allowRemote: false,
      backend: 'snapshot', snapshotDir: DEFAULT_SNAPSHOT_DIR, dataDir: 'data', exitOnStdinClose: false,
    });
  });

  it('reads every option, with MCP_BACKEND as a fallback only', () => {
    const args = parseServerArgs(
      ['--transport', 'http', '--port', '7101', '--host', 'localhost', '--snapshot-dir', 's', '--data-dir', 'd'],
      { MCP_BACKEND: 'live' },
    );
    expect(args).toMatchObject({ transport: 'http', port: 7101, host: 'localhost', backend: 'live', snapshotDir: 's', dataDir: 'd' });
    expect(parseServerArgs(['--backend', 'snapshot'], { MCP_BACKEND: 'live' }).backend).toBe('snapshot');
  });

  it('refuses a non-loopback host unless --allow-remote', () => {
    expect(() => parseServerArgs(['--host', '0.0.0.0'], {})).toThrow(ConfigError);
    expect(() => parseServerArgs(['--host', '0.0.0.0'], {})).toThrow(/--host.*loopback/);
    expect(parseServerArgs(['--host', '0.0.0.0', '--allow-remote'], {}).host).toBe('0.0.0.0');
  });

  it('names the option that is wrong', () => {
    expect(() => parseServerArgs(['--port', 'abc'], {})).toThrow(/--port/);
    expect(() => parseServerArgs(['--transport', 'sse'], {})).toThrow(/--transport/);
    expect(() => parseServerArgs(['--backend', 'x'], {})).toThrow(/--backend/);
    expect(() => parseServerArgs(['--bogus'], {})).toThrow(ConfigError);
  });
});
