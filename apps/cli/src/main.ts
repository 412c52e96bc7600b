import { Command } from 'commander';
import { loadEnvironment } from './environment.ts';
import { runCli } from './run-cli.ts';
import { prepareCommand } from './commands/prepare.ts';
import { serveCommand } from './commands/serve.ts';
import { healthCommand } from './commands/health.ts';
import { validateCommand } from './commands/validate.ts';
import { packageCommand } from './commands/package.ts';
import { inspectCommand } from './commands/inspect.ts';
import { replayCommand } from './commands/replay.ts';
import { generateCommand } from './commands/generate.ts';
import { workerCommand } from './commands/worker.ts';

// `forge inspect | head` closes the pipe early; that is the reader being done, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const environment = loadEnvironment();

const program = new Command('forge')
  .description('curriculum-forge: catalog → tool plans → MCP traces → grounded SkyRL samples')
  .showHelpAfterError()
  .addCommand(prepareCommand(environment))
  .addCommand(serveCommand(environment))
  .addCommand(healthCommand())
  .addCommand(validateCommand(environment))
  .addCommand(packageCommand(environment))
  .addCommand(generateCommand(environment))
  .addCommand(workerCommand(environment))
  .addCommand(inspectCommand())
  .addCommand(replayCommand());

process.exitCode = await runCli(program, process.argv);
