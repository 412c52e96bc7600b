import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

/** A throwaway copy of the workspace ("another machine"): its own git repo, Nx cache, workspace data and data/. */
export interface WorkspaceCopy {
  dir: string;
  /** The environment every Nx call in this copy runs with: no cloud, no daemon, no TUI, its own cache folders. */
  env: Record<string, string>;
  git(...args: string[]): Promise<string>;
  /** Runs `nx <args>` and returns its exit code and everything it printed. */
  nx(args: string[], extraEnv?: Record<string, string>): Promise<{ exitCode: number; output: string }>;
  remove(): Promise<void>;
}

/**
 * Copies the files git would see in `root` (tracked and untracked-but-not-ignored, as they are on disk) into a temp
 * folder, commits them in a fresh repository and links node_modules back to `root`'s. Nx 23 keeps its cache under
 * ~/.nx/<workspace id>, shared by every clone of one repository on a machine, so each copy gets its own
 * NX_CACHE_DIRECTORY and NX_WORKSPACE_DATA_DIRECTORY: two copies share nothing unless a test says so.
 */
export async function copyWorkspace(root: string, label: string): Promise<WorkspaceCopy> {
  const dir = await mkdtemp(join(tmpdir(), `forge-${label}-`));
  const listed = await execa('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const source = join(root, file);
    if (!existsSync(source)) continue; // deleted in the working tree
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await copyFile(source, join(dir, file));
  }
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'));
  const base = Object.fromEntries(Object.entries(process.env).filter(([name, value]) => value !== undefined && !name.startsWith('NX_') && !['PROMPT_FILE', 'N_SAMPLES', 'SHUFFLE_PROMPTS', 'RUN_ID', 'PLANNER', 'OPENAI_MODEL', 'MCP_BACKEND'].includes(name))) as Record<string, string>;
  const env = {
    ...base,
    NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false', NX_ISOLATE_PLUGINS: 'false', // as npm start runs it
    NX_CACHE_DIRECTORY: join(dir, '.nx', 'cache'),
    NX_WORKSPACE_DATA_DIRECTORY: join(dir, '.nx', 'workspace-data'),
    GIT_AUTHOR_NAME: 'forge test', GIT_AUTHOR_EMAIL: 'test@example.invalid', GIT_COMMITTER_NAME: 'forge test', GIT_COMMITTER_EMAIL: 'test@example.invalid',
  };
  const git = async (...args: string[]) => (await execa('git', args, { cwd: dir, env, extendEnv: false })).stdout;
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'workspace copy');
  return {
    dir,
    env,
    git,
    nx: async (args, extraEnv = {}) => {
      const result = await execa(join(dir, 'node_modules', '.bin', 'nx'), args, { cwd: dir, env: { ...env, ...extraEnv }, extendEnv: false, all: true, reject: false });
      return { exitCode: result.exitCode ?? 1, output: result.all ?? '' };
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Task ids Nx ran, and those it took from a cache (and which), read from its task lines (`> nx run x:y  [local cache]`). */
export function taskOutcomes(output: string): { ran: string[]; cached: Map<string, string> } {
  const ran: string[] = [];
  const cached = new Map<string, string>();
  // Nx colours its lines when it thinks it runs in CI (CI=true), whatever the terminal: read them without the escapes.
  for (const line of output.replace(/\u001b\[[0-9;]*m/g, '').split('\n')) {
    // `> nx run x:y` in static output, `✔  nx run x:y (3s)` in a run summary.
    const match = /^(?:>|✔)\s+nx run (\S+?)(?:\s+\[([^\]]+)\])?(?:\s+\([^)]*\))?\s*$/.exec(line.trim());
    if (!match) continue;
    if (match[2]) cached.set(match[1], match[2]);
    else if (!ran.includes(match[1])) ran.push(match[1]);
  }
  return { ran, cached };
}
