import { ConfigError } from '@forge/errors';
import { createSlackApiBackend } from './create-slack-api-backend.ts';
import { createWorkspaceBackend } from './create-workspace-backend.ts';
import type { SlackBackend } from './slack-backend.ts';

/** Picks the backend an entry asked for; the live one needs SLACK_BOT_TOKEN and throws ConfigError naming it. */
export function selectSlackBackend(options: { backend: 'snapshot' | 'live'; dataDir: string; snapshotDir?: string; env: Record<string, string | undefined> }): SlackBackend {
  // The snapshot's as_of (its meta.json) is the workspace clock: episode posts are dated as_of + their sequence.
  if (options.backend === 'snapshot') return createWorkspaceBackend({ dataDir: options.dataDir, snapshotDir: options.snapshotDir });
  const token = options.env.SLACK_BOT_TOKEN;
  if (!token) {
    throw new ConfigError({
      field: 'SLACK_BOT_TOKEN',
      problem: 'the live Slack backend needs a bot token',
      hint: 'set SLACK_BOT_TOKEN (xoxb-…) or run with --backend snapshot',
    });
  }
  return createSlackApiBackend({ token, baseUrl: options.env.SLACK_API_BASE_URL });
}
