import type { ServerConfig } from './server-config.ts';
import { ToolHub, type ServerHealth, type ToolHubOptions } from './tool-hub.ts';

export interface WaitForHealthyOptions {
  /** Give up after this long; the last answer per server is returned. */
  deadlineMs: number;
  intervalMs?: number;
  hubOptions?: ToolHubOptions;
  onAttempt?: (results: ServerHealth[]) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface HealthOutcome {
  ok: boolean;
  results: ServerHealth[];
  attempts: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls every server's health (connect, list tools, probe) until all pass or the deadline; never throws for a down server. */
export async function waitForHealthy(configs: ServerConfig[], options: WaitForHealthyOptions): Promise<HealthOutcome> {
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? defaultSleep;
  const deadline = now() + options.deadlineMs;
  const hub = await ToolHub.connect(configs, { connectTimeoutMs: 5_000, callTimeoutMs: 15_000, retries: 0, ...options.hubOptions, requireAll: false });
  try {
    for (let attempts = 1; ; attempts += 1) {
      const results = await hub.health();
      options.onAttempt?.(results);
      const ok = results.every((result) => result.ok);
      if (ok || now() + (options.intervalMs ?? 500) > deadline) return { ok, results, attempts };
      await sleep(options.intervalMs ?? 500);
    }
  } finally {
    await hub.close();
  }
}
