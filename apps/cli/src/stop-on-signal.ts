/** How a run stops on SIGINT/SIGTERM: the first signal aborts and bounds the stop; a second one exits at once. */
export interface StopOnSignal {
  readonly signal: AbortSignal;
  /** Handles one delivered signal (registered for SIGINT and SIGTERM). */
  handle(name: NodeJS.Signals): void;
}

export interface StopSides {
  exit: (code: number) => void;
  say: (line: string) => void;
  /** Schedules the hard bound on the stop; returns nothing the caller must keep (the timer does not hold the process). */
  later: (run: () => void, ms: number) => void;
}

const processSides: StopSides = {
  exit: (code) => process.exit(code),
  say: (line) => process.stderr.write(line),
  later: (run, ms) => setTimeout(run, ms).unref(),
};

export function stopOnSignal(withinMs: number, sides: StopSides = processSides): StopOnSignal {
  const controller = new AbortController();
  return {
    signal: controller.signal,
    handle(name) {
      if (controller.signal.aborted) {
        sides.say(`${name} again: exiting now\n`);
        sides.exit(130);
        return;
      }
      sides.say(`\n${name}: admitting no new entries, aborting model and tool calls in flight, flushing the ledgers (again to quit at once)\n`);
      controller.abort();
      // The bound holds even if something below ignores the abort; every acknowledged ledger line is already synced.
      sides.later(() => sides.exit(130), withinMs);
    },
  };
}
