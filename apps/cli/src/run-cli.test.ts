import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

afterEach(() => {
  process.exitCode = undefined;
});

describe('runCli', () => {
  it('returns the status a finished command asked for (interrupted, too many failures), else 0', async () => {
    const program = new Command('forge').addCommand(new Command('mostly-failed').action(() => { process.exitCode = 1; })).addCommand(new Command('fine').action(() => undefined));
    expect(await runCli(program, ['node', 'forge', 'mostly-failed'])).toBe(1);
    process.exitCode = undefined;
    expect(await runCli(program, ['node', 'forge', 'fine'])).toBe(0);
  });
});
