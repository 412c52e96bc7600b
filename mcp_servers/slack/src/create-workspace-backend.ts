import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { findChannel } from './find-channel.ts';
import { SEED_CHANNELS, SEED_MESSAGES } from './seed-workspace.ts';
import type { SlackBackend, SlackChannel, SlackMessage } from './slack-backend.ts';
import { UnknownChannelError } from './slack-error.ts';

/** One line of `<dataDir>/slack/workspace.jsonl`. */
export const WorkspaceLineSchema = z.object({
  type: z.literal('message'),
  channel_id: z.string(),
  ts: z.string(),
  user: z.string(),
  text: z.string(),
});
export type WorkspaceLine = z.infer<typeof WorkspaceLineSchema>;

export interface WorkspaceBackendOptions {
  dataDir: string;
  /** Milliseconds since the epoch; injected so tests control timestamps. */
  now?: () => number;
  /** Author of posted messages. */
  user?: string;
}

/** Path of the append-only workspace file under a data dir. */
export function workspaceFile(dataDir: string): string {
  return join(dataDir, 'slack', 'workspace.jsonl');
}

/**
 * The snapshot backend: seeded channels plus an append-only JSONL file (one fsynced line per message).
 * History re-reads the file, so several servers over one data dir, and restarts, see every acknowledged post.
 */
export function createWorkspaceBackend(options: WorkspaceBackendOptions): SlackBackend {
  const file = workspaceFile(options.dataDir);
  const now = options.now ?? Date.now;
  const user = options.user ?? 'U0FORGEBOT';
  const label = `workspace ${file}`;
  let appending: Promise<unknown> = Promise.resolve();

  const channelFor = (reference: string): SlackChannel => {
    const channel = findChannel(SEED_CHANNELS, reference);
    if (!channel) throw new UnknownChannelError(reference, label);
    return channel;
  };

  const readLines = async (): Promise<WorkspaceLine[]> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const lines: WorkspaceLine[] = [];
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      // A crash mid-append can leave a torn last line; it was never acknowledged, so skip it.
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        continue;
      }
      const parsed = WorkspaceLineSchema.safeParse(value);
      if (parsed.success) lines.push(parsed.data);
    }
    return lines;
  };

  const append = async (channel: SlackChannel, text: string): Promise<SlackMessage> => {
    await mkdir(join(options.dataDir, 'slack'), { recursive: true });
    const existing = await readLines();
    const line: WorkspaceLine = { type: 'message', channel_id: channel.id, ts: nextTs(now(), existing), user, text };
    const handle = await open(file, 'a');
    try {
      await handle.write(`${JSON.stringify(line)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { ts: line.ts, user: line.user, text: line.text };
  };

  return {
    async listChannels() {
      return SEED_CHANNELS.map((channel) => ({ ...channel }));
    },
    async postMessage(reference, text) {
      const channel = channelFor(reference);
      // Posts from one server are serialised so timestamps stay strictly increasing.
      const posted = appending.then(() => append(channel, text));
      appending = posted.catch(() => undefined);
      return { channel, message: await posted };
    },
    async history(reference, limit) {
      const channel = channelFor(reference);
      const stored = (await readLines()).filter((line) => line.channel_id === channel.id);
      const seeded = SEED_MESSAGES.filter((message) => message.channel_id === channel.id);
      const messages = [...seeded, ...stored]
        .map(({ ts, user: author, text }) => ({ ts, user: author, text }))
        .sort((left, right) => compareTs(right.ts, left.ts))
        .slice(0, limit);
      return { channel, messages };
    },
  };
}

/** Slack-style "seconds.micros" from a clock, bumped past the newest stored ts so it never repeats. */
function nextTs(nowMs: number, existing: WorkspaceLine[]): string {
  let micros = BigInt(Math.floor(nowMs)) * 1000n;
  for (const line of existing) {
    const stored = tsToMicros(line.ts);
    if (stored >= micros) micros = stored + 1n;
  }
  const text = micros.toString().padStart(7, '0');
  return `${text.slice(0, -6)}.${text.slice(-6)}`;
}

function tsToMicros(ts: string): bigint {
  const [seconds, fraction = ''] = ts.split('.');
  return BigInt(seconds) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6) || '0');
}

function compareTs(left: string, right: string): number {
  const difference = tsToMicros(left) - tsToMicros(right);
  return difference === 0n ? 0 : difference > 0n ? 1 : -1;
}
