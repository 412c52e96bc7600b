import { existsSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';

/** The process environment as the CLI sees it: `.env` first (never overriding real variables). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Loads `.env` from the working directory when present and returns a frozen copy of the environment. */
export function loadEnvironment(cwd = process.cwd()): Environment {
  const file = `${cwd}/.env`;
  const fromFile: Record<string, string> = {};
  if (existsSync(file)) loadDotenv({ path: file, processEnv: fromFile, quiet: true });
  return Object.freeze({ ...fromFile, ...process.env });
}

const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD)/i;

/** Names of variables whose values must never be printed or written. */
export function secretValues(environment: Environment): string[] {
  return Object.entries(environment)
    .filter(([name, value]) => SECRET_NAME.test(name) && typeof value === 'string' && value.length >= 6)
    .map(([, value]) => value as string);
}
