const MINUTE_MS = 60_000;

/** Sliding one-minute request counter; `admit` answers 0 when a request may pass, else ms until it could. */
export function createRpmWindow(rpm: number, now: () => number) {
  const arrivals: number[] = [];
  return {
    admit(): number {
      const time = now();
      while (arrivals.length > 0 && arrivals[0] <= time - MINUTE_MS) arrivals.shift();
      if (arrivals.length < rpm) {
        arrivals.push(time);
        return 0;
      }
      return Math.max(1, arrivals[0] + MINUTE_MS - time);
    },
  };
}
