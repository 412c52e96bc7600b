import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { EPISODE_META_KEY, selectSlackBackend } from './index.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const mainPath = fileURLToPath(new URL('./main.ts', import.meta.url));

function envWithout(name: string): Record<string, string> {
  const env = { ...(process.env as Record<string, string>) };
  delete env[name];
  return env;
}

describe('slack entry', () => {
  it('refuses the live backend without SLACK_BOT_TOKEN, naming the variable', async () => {
    expect(() => selectSlackBackend({ backend: 'live', dataDir: 'unused', env: {} })).toThrow(/SLACK_BOT_TOKEN/);
    const run = await execa(process.execPath, ['--import', 'tsx', mainPath, '--transport', 'stdio', '--backend', 'live'], {
      cwd: repoRoot,
      env: envWithout('SLACK_BOT_TOKEN'),
      extendEnv: false,
      reject: false,
      input: '',
    });
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN');
  });

  it('serves the workspace over stdio with --data-dir', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'slack-entry-'));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', mainPath, '--transport', 'stdio', '--backend', 'snapshot', '--data-dir', dataDir],
      cwd: repoRoot,
      stderr: 'ignore',
    });
    const client = new Client({ name: 'slack-entry-test', version: '0.0.0' });
    try {
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(['get_slack_channel_history', 'list_slack_channels', 'send_slack_message']);
      await client.callTool({ name: 'send_slack_message', arguments: { channel: 'research', text: 'over stdio' } });
      const history = (await client.callTool({ name: 'get_slack_channel_history', arguments: { channel: 'research', limit: 1 } })) as unknown as { structuredContent: { results: Array<{ text: string }> } };
      expect(history.structuredContent.results[0].text).toBe('over stdio');
      // An episode call over the real entry: dated by the default snapshot's as_of, invisible to the shared workspace.
      const _meta = { [EPISODE_META_KEY]: 'entry-episode' };
      const posted = (await client.callTool({ name: 'send_slack_message', arguments: { channel: 'research', text: 'episode post' }, _meta })) as unknown as { structuredContent: { ts: string } };
      expect(posted.structuredContent.ts).toBe('1795642200.000001');
      const shared = (await client.callTool({ name: 'get_slack_channel_history', arguments: { channel: 'research', limit: 1 } })) as unknown as { structuredContent: { results: Array<{ text: string }> } };
      expect(shared.structuredContent.results[0].text).toBe('over stdio');
    } finally {
      await client.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
