import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '@forge/errors';
import { SnapshotError, SnapshotMetaSchema } from '@forge/snapshot';
import { findChannel } from './find-channel.ts';
import { SEED_CHANNELS, SEED_MESSAGES } from './seed-workspace.ts';
import type { SlackBackend, SlackChannel, SlackMessage, SlackScope } from './slack-backend.ts';
import { UnknownChannelError } from './slack-error.ts';

/** One line of `<dataDir>/slack/workspace.jsonl` (shared posts) or of an episode file (with `episode`). */
export const WorkspaceLineSchema = z.object({
  type: z.literal('message'),
  /** The episode that posted it; absent in the shared workspace file. */
  episode: z.string().optional(),
  /** The step of the episode that posted it. */
  step: z.number().int().nonnegative().optional(),
  /** The post's idempotency key: a repeat with this key returns this message. */
  idempotency_key: z.string().optional(),
  channel_id: z.string(),
  ts: z.string(),
  user: z.string(),
  text: z.string(),
});
export type WorkspaceLine = z.infer<typeof WorkspaceLineSchema>;

export interface WorkspaceBackendOptions {
  dataDir: string;
  /** The snapshot's "now" (ISO 8601); the clock of every post. Read from `<snapshotDir>/meta.json` when not given. */
  asOf?: string;
  /** The snapshot whose `meta.json` gives `as_of` (when `asOf` is not given). */
  snapshotDir?: string;
  /** Clock (ms since the epoch) of shared posts when no snapshot clock is configured; tests inject it. */
  now?: () => number;
  /** Author of posted messages. */
  user?: string;
}

/** Path of the append-only shared workspace file (posts made without an episode) under a data dir. */
export function workspaceFile(dataDir: string): string {
  return join(dataDir, 'slack', 'workspace.jsonl');
}

/** Path of one episode's append-only posts: `<dataDir>/slack/episodes/<sha256(episode)[0:32]>.jsonl`. */
export function episodeFile(dataDir: string, episode: string): string {
  const digest = createHash('sha256').update(episode).digest('hex').slice(0, 32);
  return join(dataDir, 'slack', 'episodes', `${digest}.jsonl`);
}

/**
 * The snapshot backend: seeded channels plus append-only JSONL files (one fsynced line per message).
 *
 * A call with an episode (one sample) sees the seed plus that episode's own posts, kept in the episode's own file, and
 * dates its posts by the snapshot clock: `as_of` plus one microsecond per post of the episode, so the same episode
 * posting the same sequence gets the same `ts` in any run, at any concurrency. A call without an episode keeps the
 * shared workspace (`workspace.jsonl`), which every such caller, server and restart over the data dir sees.
 */
export function createWorkspaceBackend(options: WorkspaceBackendOptions): SlackBackend {
  const sharedFile = workspaceFile(options.dataDir);
  const user = options.user ?? 'U0FORGEBOT';
  const label = `workspace ${sharedFile}`;
  let appending: Promise<unknown> = Promise.resolve();
  let asOfMicros: Promise<bigint | undefined> | undefined;

  const snapshotClock = (): Promise<bigint | undefined> => {
    asOfMicros ??= readAsOf(options).then((asOf) => (asOf === undefined ? undefined : BigInt(Date.parse(asOf)) * 1000n));
    // A failed read is not cached: the next call tries again and reports the same error.
    asOfMicros.catch(() => (asOfMicros = undefined));
    return asOfMicros;
  };

  const channelFor = (reference: string): SlackChannel => {
    const channel = findChannel(SEED_CHANNELS, reference);
    if (!channel) throw new UnknownChannelError(reference, label);
    return channel;
  };

  /** The stored posts a scope sees: its episode's own lines, or the shared file's. */
  const readScope = async (episode: string | undefined): Promise<{ file: string; lines: WorkspaceLine[]; endsTorn: boolean }> => {
    const file = episode === undefined ? sharedFile : episodeFile(options.dataDir, episode);
    const { lines, endsTorn } = await readLines(file);
    // A hash collision or a hand-edited file must not leak another episode's posts.
    return { file, lines: lines.filter((line) => line.episode === episode), endsTorn };
  };

  const append = async (channel: SlackChannel, text: string, scope: SlackScope): Promise<{ channel: SlackChannel; message: SlackMessage }> => {
    const episode = scope.episode;
    const clock = await snapshotClock();
    if (episode !== undefined && clock === undefined) {
      throw new ConfigError({
        field: 'snapshotDir',
        problem: 'an episode post needs the snapshot clock, and this Slack workspace has none',
        hint: 'create the workspace backend with snapshotDir (or asOf)',
      });
    }
    const { file, lines, endsTorn } = await readScope(episode);
    // Exactly once: a key already posted (an acknowledgement lost on the way, a repeated plan, a resumed run) gets
    // the message it posted, whatever text or channel the repeat names.
    const earlier = scope.idempotencyKey === undefined ? undefined : lines.find((stored) => stored.idempotency_key === scope.idempotencyKey);
    if (earlier) {
      const earlierChannel = SEED_CHANNELS.find((known) => known.id === earlier.channel_id) ?? channel;
      return { channel: { ...earlierChannel }, message: { ts: earlier.ts, user: earlier.user, text: earlier.text } };
    }
    const start = clock ?? BigInt(Math.floor((options.now ?? Date.now)())) * 1000n;
    // An episode's first post is as_of + 1 µs, so it sorts after everything the snapshot holds.
    const line: WorkspaceLine = {
      type: 'message',
      ...(episode === undefined ? {} : { episode }),
      ...(scope.step === undefined ? {} : { step: scope.step }),
      ...(scope.idempotencyKey === undefined ? {} : { idempotency_key: scope.idempotencyKey }),
      channel_id: channel.id,
      ts: nextTs(episode === undefined ? start : start + 1n, lines),
      user,
      text,
    };
    await mkdir(dirname(file), { recursive: true });
    const handle = await open(file, 'a');
    try {
      // After a torn line (a crash mid-append), start on a fresh line so this acknowledged post parses.
      await handle.write(`${endsTorn ? '\n' : ''}${JSON.stringify(line)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { channel, message: { ts: line.ts, user: line.user, text: line.text } };
  };

  return {
    async listChannels() {
      return SEED_CHANNELS.map((channel) => ({ ...channel }));
    },
    async postMessage(reference, text, scope?: SlackScope) {
      const channel = channelFor(reference);
      // Posts from one server are serialised so timestamps stay strictly increasing.
      // The key check and the append are one step of this chain, so two repeats of one key never both post.
      const posted = appending.then(() => append(channel, text, scope ?? {}));
      appending = posted.catch(() => undefined);
      return posted;
    },
    async history(reference, limit, scope?: SlackScope) {
      const channel = channelFor(reference);
      const step = scope?.step;
      // A resumed or repeated episode has posts of its earlier attempt on file; a read at step n sees only its own
      // posts of steps before n, as the first attempt did.
      const stored = (await readScope(scope?.episode)).lines.filter(
        (line) => line.channel_id === channel.id && (step === undefined || line.step === undefined || line.step < step),
      );
      const seeded = SEED_MESSAGES.filter((message) => message.channel_id === channel.id);
      const messages = [...seeded, ...stored]
        .map(({ ts, user: author, text }) => ({ ts, user: author, text }))
        .sort((left, right) => compareTs(right.ts, left.ts))
        .slice(0, limit);
      return { channel, messages };
    },
  };
}

/** `asOf`, else `<snapshotDir>/meta.json`'s `as_of`, else undefined (no snapshot clock). */
async function readAsOf(options: WorkspaceBackendOptions): Promise<string | undefined> {
  if (options.asOf !== undefined) return z.iso.datetime({ offset: true }).parse(options.asOf);
  if (options.snapshotDir === undefined) return undefined;
  const path = join(options.snapshotDir, 'meta.json');
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SnapshotError({ file: path, problem: 'cannot read the snapshot meta (the Slack clock is its as_of)', cause: error });
  }
  const parsed = SnapshotMetaSchema.pick({ as_of: true }).safeParse(value);
  if (!parsed.success) throw new SnapshotError({ file: path, field: 'as_of', problem: parsed.error.issues[0].message, cause: parsed.error });
  return parsed.data.as_of;
}

/** Every valid line of a JSONL file (none when it does not exist), and whether it ends mid-line. */
async function readLines(file: string): Promise<{ lines: WorkspaceLine[]; endsTorn: boolean }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], endsTorn: false };
    throw error;
  }
  const lines: WorkspaceLine[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    // A crash mid-append can leave a torn line; it was never acknowledged, so skip it.
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      continue;
    }
    const parsed = WorkspaceLineSchema.safeParse(value);
    if (parsed.success) lines.push(parsed.data);
  }
  return { lines, endsTorn: text.length > 0 && !text.endsWith('\n') };
}

/** Slack-style "seconds.micros" from a start instant (µs), bumped past the newest stored ts so it never repeats. */
function nextTs(startMicros: bigint, existing: WorkspaceLine[]): string {
  let micros = startMicros;
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
