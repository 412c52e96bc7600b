import { Queue } from 'bullmq';
import { ConfigError } from '@forge/errors';
import { QueueError } from './queue-error.ts';

/** Where the queue lives: ioredis options for BullMQ, and the URL as it may be shown (password hidden). */
export interface QueueConnection {
  url: string;
  options: { host: string; port: number; db: number; username?: string; password?: string; tls?: Record<string, never> };
}

/** The one queue every coordinator and worker of a run share, unless told otherwise. */
export const DEFAULT_QUEUE_NAME = 'forge-generate';

/** Parses `redis://[user:password@]host:port/<db>` (or rediss:// for TLS); throws ConfigError naming the field. */
export function parseQueueUrl(text: string, field = '--queue'): QueueConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new ConfigError({ field, expected: 'a Redis URL such as redis://127.0.0.1:6379/0', received: text, cause: error });
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError({ field, expected: 'a redis:// or rediss:// URL', received: text });
  }
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw new ConfigError({ field, expected: 'a database number after the port (redis://host:port/0)', received: text });
  const port = url.port === '' ? 6379 : Number(url.port);
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const shown = new URL(url.href);
  if (shown.password) shown.password = '***';
  return {
    url: shown.href,
    options: {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port,
      db,
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  };
}

/**
 * Checks once, without retrying, that Redis answers at `connection`; throws QueueError naming the URL otherwise.
 * Run before anything is written, so an unreachable queue leaves no header and no ledger line behind.
 */
export async function probeQueue(connection: QueueConnection, timeoutMs = 3_000): Promise<void> {
  // BullMQ's own connections retry forever; this one gives up at the first refusal.
  const probe = new Queue('forge-probe', {
    connection: { ...connection.options, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null },
  });
  let lastError: unknown;
  probe.on('error', (error) => {
    lastError = error;
  });
  try {
    const client = await withTimeout(probe.client, timeoutMs);
    await withTimeout(client.info(), timeoutMs);
  } catch (error) {
    const reason = describe(lastError ?? error);
    throw new QueueError({
      problem: `Redis at ${connection.url} is unreachable (${reason})`,
      hint: 'start redis-server there (or fix --queue / FORGE_QUEUE); nothing was written',
      cause: error,
    });
  } finally {
    await probe.close().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string') return code;
    if (typeof message === 'string' && message !== '') return message;
  }
  return String(error);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
