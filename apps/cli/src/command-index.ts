import { Command } from 'commander';
import type { Environment } from './environment.ts';

/** One `forge` command: its name and summary for the top-level help, and the module that builds it. */
export interface CommandEntry {
  name: string;
  summary: string;
  load: (environment: Environment) => Promise<Command>;
}

// Issue 14 item 6: each command module pulls in its libraries (engine, MCP SDK, tokenizer, parquet…), so only the
// command being run is imported; the others are listed by name and summary. A test keeps each summary equal to its
// command's own description.
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'prepare', summary: 'validate the catalog and write curriculum_prompts.json, one shard per complexity and a manifest', load: async (environment) => (await import('./commands/prepare.ts')).prepareCommand(environment) },
  { name: 'serve', summary: 'start the MCP servers (Streamable HTTP on 127.0.0.1, ports from their configs), restart any that dies, stop all on SIGTERM/SIGINT', load: async (environment) => (await import('./commands/serve.ts')).serveCommand(environment) },
  { name: 'health', summary: 'connect to every configured MCP server, check its tools and schemas, call a light probe; polls until the deadline, exit 1 naming each failing server', load: async () => (await import('./commands/health.ts')).healthCommand() },
  { name: 'validate', summary: 'check samples against the published JSON Schema and the quality gates; with a file (.json array or .jsonl), exit 1 if any row is rejected', load: async (environment) => (await import('./commands/validate.ts')).validateCommand(environment) },
  { name: 'package', summary: 'merge validated samples in catalog order into train_llm.json, train.jsonl, train.parquet, with manifest.json, report.html, raw traces and a logs archive', load: async (environment) => (await import('./commands/package.ts')).packageCommand(environment) },
  { name: 'generate', summary: 'generate samples per shard: plan → check → run over MCP → compose → grounding; resumable, cached by content', load: async (environment) => (await import('./commands/generate.ts')).generateCommand(environment) },
  { name: 'worker', summary: "run queued prompts (forge generate --queue) through the generate pipeline, under the queue's shared RPM/TPM budget", load: async (environment) => (await import('./commands/worker.ts')).workerCommand(environment) },
  { name: 'inspect', summary: 'print samples of a dataset file readably (at least one per complexity)', load: async () => (await import('./commands/inspect.ts')).inspectCommand() },
  { name: 'replay', summary: "re-run each row's plan over its recorded tool results and score its reference answer with the environment's final-answer heuristic; exit 1 if any row falls short of every step, full coverage and full grounding", load: async () => (await import('./commands/replay.ts')).replayCommand() },
];

/** The command an argv runs (`forge <name> …` or `forge help <name>`), if it names one. */
export function requestedCommand(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((entry) => entry.name === name);
}

/**
 * The forge program for this argv: the requested command built from its module, every other command a stub with
 * its name and summary, enough for the top-level help and for commander's unknown-command suggestions.
 */
export async function buildProgram(argv: readonly string[], environment: Environment): Promise<Command> {
  const requested = requestedCommand(argv);
  const program = new Command('forge')
    .description('curriculum-forge: catalog → tool plans → MCP traces → grounded SkyRL samples')
    .showHelpAfterError();
  for (const entry of COMMANDS) {
    program.addCommand(entry === requested ? await entry.load(environment) : new Command(entry.name).description(entry.summary));
  }
  return program;
}
