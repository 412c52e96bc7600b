import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { ServerConfig } from './server-config.ts';

/** What happened to a supervised server, for progress output and tests. */
export type SupervisorEvent =
  | { type: 'server-start'; server: string; pid: number }
  | { type: 'server-exit'; server: string; exitCode?: number; signal?: string }
  | { type: 'server-restart'; server: string; pid: number; restarts: number }
  | { type: 'server-give-up'; server: string; restarts: number };

export interface StartServersOptions {
  /** One `<server>.log` per server is appended here (e.g. logs/dataset_runs/<run>). */
  logDir: string;
  /** Working directory of the children; config args are relative to the workspace root. */
  cwd?: string;
  /** Appended to every server's http args (e.g. --backend live). */
  extraArgs?: string[];
  env?: Record<string, string | undefined>;
  /** Restarts allowed per server within restartWindowMs before giving up. */
  maxRestarts?: number;
  restartWindowMs?: number;
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** How long a child gets to exit after SIGTERM before its process group is killed. */
  stopGraceMs?: number;
  log?: (line: string) => void;
  onEvent?: (event: SupervisorEvent) => void;
}

export interface Supervisor {
  /** Current pid per server (absent while restarting or after giving up). */
  pids(): Record<string, number>;
  logFiles: Record<string, string>;
  /** SIGTERM every child's process group, SIGKILL after the grace period; resolves when all have exited. */
  stop(): Promise<void>;
}

interface Slot {
  config: ServerConfig;
  child?: ResultPromise;
  exited?: Promise<unknown>;
  logStream: WriteStream;
  restartTimes: number[];
  timer?: NodeJS.Timeout;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Starts every server over HTTP (port from its config), each in its own process group with a log file,
 * restarts one that exits unexpectedly (bounded backoff, logged), and stops them all on `stop()` or when
 * this process exits. Children get `--exit-on-stdin-close`, so they also go if this process is SIGKILLed.
 */
export function startServers(configs: ServerConfig[], options: StartServersOptions): Supervisor {
  mkdirSync(options.logDir, { recursive: true });
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = options.onEvent ?? (() => {});
  const maxRestarts = options.maxRestarts ?? 5;
  const windowMs = options.restartWindowMs ?? 60_000;
  const baseDelay = options.restartDelayMs ?? 250;
  const maxDelay = options.maxRestartDelayMs ?? 5_000;
  let stopping = false;
  const slots: Slot[] = configs.map((config) => ({
    config,
    logStream: createWriteStream(join(options.logDir, `${config.name}.log`), { flags: 'a' }),
    restartTimes: [],
  }));

  const note = (slot: Slot, line: string, toStderr = false) => {
    const stamped = `[supervisor ${new Date().toISOString()}] ${line}`;
    slot.logStream.write(`${stamped}\n`);
    if (toStderr) log(stamped);
  };

  function spawn(slot: Slot): number | undefined {
    const { command, args } = slot.config.http;
    const child = execa(command === 'node' ? process.execPath : command, [...args, ...(options.extraArgs ?? []), '--exit-on-stdin-close'], {
      cwd: options.cwd,
      env: options.env,
      extendEnv: options.env === undefined,
      detached: true,
      cleanup: false,
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
    });
    slot.child = child;
    child.stdout?.pipe(slot.logStream, { end: false });
    child.stderr?.pipe(slot.logStream, { end: false });
    slot.exited = child.then((result) => onExit(slot, child, result.exitCode, result.signal));
    return child.pid;
  }

  function onExit(slot: Slot, child: ResultPromise, exitCode?: number, signal?: string): void {
    if (slot.child !== child) return;
    slot.child = undefined;
    const how = signal ? `signal ${signal}` : `exit code ${exitCode ?? 'unknown'}`;
    emit({ type: 'server-exit', server: slot.config.name, exitCode, signal });
    if (stopping) {
      note(slot, `stopped ${slot.config.name} (${how})`);
      return;
    }
    const now = Date.now();
    slot.restartTimes = slot.restartTimes.filter((time) => now - time < windowMs);
    if (slot.restartTimes.length >= maxRestarts) {
      note(slot, `giving up on ${slot.config.name} (${how}) after ${slot.restartTimes.length} restarts in ${windowMs} ms`, true);
      emit({ type: 'server-give-up', server: slot.config.name, restarts: slot.restartTimes.length });
      return;
    }
    // A clean exit means someone asked the server to stop, typically a tree-kill (Nx stopping a continuous
    // task) that reached the children a moment before this process: give our own stop time to arrive.
    const asked = exitCode === 0 || signal === 'SIGTERM' || signal === 'SIGINT';
    const delay = Math.max(asked ? 1_000 : 0, Math.min(maxDelay, baseDelay * 2 ** slot.restartTimes.length));
    note(slot, `${slot.config.name} exited (${how}); restarting in ${delay} ms unless stopping`);
    slot.restartTimes.push(now);
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      if (stopping) return;
      const pid = spawn(slot);
      note(slot, `restarted ${slot.config.name} (${how}) as pid ${pid}`, true);
      emit({ type: 'server-restart', server: slot.config.name, pid: pid ?? -1, restarts: slot.restartTimes.length });
    }, delay);
  }

  // The last line of defence: whatever ends this process (not SIGKILL) takes the children with it.
  const onProcessExit = () => {
    for (const slot of slots) if (slot.child?.pid) killGroup(slot.child.pid, 'SIGTERM');
  };
  process.on('exit', onProcessExit);

  for (const slot of slots) {
    const pid = spawn(slot);
    note(slot, `started ${slot.config.name} pid ${pid}: ${slot.config.http.command} ${slot.config.http.args.join(' ')}`);
    emit({ type: 'server-start', server: slot.config.name, pid: pid ?? -1 });
  }

  return {
    logFiles: Object.fromEntries(slots.map((slot) => [slot.config.name, join(options.logDir, `${slot.config.name}.log`)])),
    pids: () => Object.fromEntries(slots.filter((slot) => slot.child?.pid).map((slot) => [slot.config.name, slot.child!.pid!])),
    async stop() {
      if (stopping) return;
      stopping = true;
      const grace = options.stopGraceMs ?? 3_000;
      await Promise.all(
        slots.map(async (slot) => {
          if (slot.timer) note(slot, `not restarting ${slot.config.name}: stopping`);
          clearTimeout(slot.timer);
          const pid = slot.child?.pid;
          if (pid) {
            killGroup(pid, 'SIGTERM');
            const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), grace);
            await slot.exited;
            clearTimeout(timer);
            // Anything the server started in its group goes too.
            if (isAlive(-pid)) killGroup(pid, 'SIGKILL');
          }
          await new Promise<void>((resolve) => slot.logStream.end(resolve));
        }),
      );
      process.off('exit', onProcessExit);
    },
  };
}
