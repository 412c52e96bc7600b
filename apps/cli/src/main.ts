import { buildProgram } from './command-index.ts';
import { loadEnvironment } from './environment.ts';
import { runCli } from './run-cli.ts';

// `forge inspect | head` closes the pipe early; that is the reader being done, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const environment = loadEnvironment();

// Only the command being run is imported (command-index.ts): `forge --help` loads no engine, SDK or parquet code.
const program = await buildProgram(process.argv, environment);

process.exitCode = await runCli(program, process.argv);
