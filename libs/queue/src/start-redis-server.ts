import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@forge/tools';

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** What to do when redis-server is missing; the queue tests fail with this rather than skip. */
export const INSTALL_REDIS_HINT =
  'redis-server is not installed; the queue tests need a real one. Install it: sudo apt-get install -y redis-server (Debian/Ubuntu), or run `npm test`, which tries that itself (tools/scripts/ensure-redis-server.sh)';


function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.setTimeout(1_000, () => done(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts a throwaway redis-server on 127.0.0.1 (free port, own temp dir, no persistence) for tests and the bench;
 * `stop()` ends it and removes the dir. Throws with INSTALL_REDIS_HINT when redis-server is not installed.
 */
export async function startRedisServer(binary = 'redis-server'): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'forge-redis-'));
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const missing = new Promise<boolean>((resolve) => {
      child.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT'));
      child.once('exit', () => resolve(false));
    });
    for (let tries = 0; tries < 100; tries += 1) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      if (await answersPing(port)) {
        return {
          url: `redis://127.0.0.1:${port}/0`,
          port,
          stop: async () => {
            child.kill('SIGTERM');
            await exited(child);
            await rm(dir, { recursive: true, force: true });
          },
        };
      }
      const result = await Promise.race([missing, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 50))]);
      if (result === true) {
        await rm(dir, { recursive: true, force: true });
        throw new Error(INSTALL_REDIS_HINT);
      }
    }
    child.kill('SIGKILL');
    await exited(child);
    // The port may have been taken between finding it and binding it: try another, a few times.
    if (attempt >= 3) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`redis-server (${binary}) did not start on 127.0.0.1 after ${attempt} attempts`);
    }
  }
}
