import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startServers, waitForHealthy, type Supervisor, type SupervisorEvent } from '@forge/tools';
import { testServerConfig } from './__fixtures__/test-config.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function logDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'supervisor-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function nextEvent(events: SupervisorEvent[], type: SupervisorEvent['type']): Promise<SupervisorEvent> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const found = events.find((event) => event.type === type);
      if (found) {
        clearInterval(timer);
        resolve(found);
      }
    }, 10);
  });
}

describe('startServers', () => {
  it('starts servers, restarts one that dies (logged), and leaves no child alive after stop', async () => {
    const dir = await logDir();
    const configs = [testServerConfig('one', await freePort()), testServerConfig('two', await freePort())];
    const events: SupervisorEvent[] = [];
    const logged: string[] = [];
    const supervisor: Supervisor = startServers(configs, { logDir: dir, restartDelayMs: 10, onEvent: (event) => events.push(event), log: (line) => logged.push(line) });
    cleanups.push(() => supervisor.stop());

    expect((await waitForHealthy(configs, { deadlineMs: 20_000, intervalMs: 100 })).ok).toBe(true);
    const before = supervisor.pids();
    process.kill(before.one, 'SIGKILL');
    const restart = await nextEvent(events, 'server-restart');
    expect(restart).toMatchObject({ server: 'one', restarts: 1 });
    expect(restart.type === 'server-restart' && restart.pid).not.toBe(before.one);

    const outcome = await waitForHealthy(configs, { deadlineMs: 20_000, intervalMs: 100 });
    expect(outcome.ok).toBe(true);
    expect(logged.some((line) => /restarted one \(signal SIGKILL\)/.test(line))).toBe(true);
    const after = supervisor.pids();

    await supervisor.stop();
    for (const pid of [before.one, before.two, after.one, after.two]) expect(isAlive(pid)).toBe(false);
    const log = await readFile(supervisor.logFiles.one, 'utf8');
    expect(log).toMatch(/restarted one \(signal SIGKILL\)/);
    expect(log).toMatch(/\[test\] listening on http:\/\/127\.0\.0\.1/);
    expect(log).toMatch(/stopped one/);
  });

  it('gives up on a server that keeps dying', async () => {
    const dir = await logDir();
    const config = testServerConfig('broken', await freePort());
    config.http.args = [...config.http.args, '--no-such-option'];
    const events: SupervisorEvent[] = [];
    const supervisor = startServers([config], { logDir: dir, restartDelayMs: 1, maxRestarts: 2, onEvent: (event) => events.push(event), log: () => {} });
    cleanups.push(() => supervisor.stop());
    expect(await nextEvent(events, 'server-give-up')).toMatchObject({ server: 'broken', restarts: 2 });
    expect(await readFile(supervisor.logFiles.broken, 'utf8')).toMatch(/giving up on broken \(exit code 2\)/);
  });
});

describe('waitForHealthy', () => {
  it('names the server that is down, with its URL and reason, once the deadline passes', async () => {
    const dir = await logDir();
    const up = testServerConfig('up', await freePort());
    const down = testServerConfig('down', await freePort());
    const supervisor = startServers([up], { logDir: dir, log: () => {} });
    cleanups.push(() => supervisor.stop());
    expect((await waitForHealthy([up], { deadlineMs: 20_000, intervalMs: 100 })).ok).toBe(true);

    let clock = 0;
    const outcome = await waitForHealthy([up, down], { deadlineMs: 1_000, intervalMs: 400, now: () => clock, sleep: async (ms) => void (clock += ms) });
    expect(outcome.ok).toBe(false);
    expect(outcome.attempts).toBe(3);
    const failed = outcome.results.filter((result) => !result.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ server: 'down', url: down.url });
    expect(failed[0].reason).toMatch(/ECONNREFUSED|fetch failed/);
  });
});
