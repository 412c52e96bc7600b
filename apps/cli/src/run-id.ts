import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '@forge/files';

export const DEFAULT_LOGS_DIR = 'logs/dataset_runs';
const POINTER = 'current-run';

/**
 * The run the servers were started for. Nx runs each playbook target as its own process, so `serve` leaves the run
 * id here and generate and package use the same logs/dataset_runs/<run>/ folder (RUN_ID overrides it).
 */
export function currentRunId(logsDir = DEFAULT_LOGS_DIR): string | undefined {
  const file = join(logsDir, POINTER);
  if (!existsSync(file)) return undefined;
  const id = readFileSync(file, 'utf8').trim();
  return /^\w[\w.:-]*$/.test(id) ? id : undefined;
}

export async function recordRunId(logsDir: string, runId: string): Promise<void> {
  await writeFileAtomic(join(logsDir, POINTER), `${runId}\n`);
}
