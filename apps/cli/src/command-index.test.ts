import { describe, expect, it } from 'vitest';
import { buildProgram, COMMANDS, requestedCommand } from './command-index.ts';

const argv = (...words: string[]) => ['node', 'forge', ...words];

describe('command index', () => {
  it.each(COMMANDS.map((entry) => [entry.name, entry] as const))('lists %s with the description its module gives it', async (name, entry) => {
    const command = await entry.load({});
    expect(command.name()).toBe(name);
    expect(entry.summary).toBe(command.description());
  });

  it('finds the command of `forge <name> …` and `forge help <name>`, and none for the top-level help', () => {
    expect(requestedCommand(argv('generate', '--prompt-file', 'x.json'))?.name).toBe('generate');
    expect(requestedCommand(argv('--help', 'package'))?.name).toBe('package');
    expect(requestedCommand(argv('help', 'replay'))?.name).toBe('replay');
    expect(requestedCommand(argv('--help'))).toBeUndefined();
    expect(requestedCommand(argv('generat'))).toBeUndefined();
  });

  it('builds the requested command in full and the others as stubs with their summaries', async () => {
    const program = await buildProgram(argv('package', '--out', 'x'), {});
    const byName = new Map(program.commands.map((command) => [command.name(), command]));
    expect([...byName.keys()]).toEqual(COMMANDS.map((entry) => entry.name));
    expect(byName.get('package')?.options.map((option) => option.long)).toContain('--generated-dir');
    expect(byName.get('generate')?.options).toEqual([]);
    expect(byName.get('generate')?.description()).toBe(COMMANDS.find((entry) => entry.name === 'generate')?.summary);
  });
});
