import { CommanderError, type Command } from 'commander';
import { ForgeError } from '@forge/errors';

/** The one place errors are caught: known errors become a message and exit code, others a stack. */
export async function runCli(program: Command, argv: string[]): Promise<number> {
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    // A command that finished but wants a non-zero status (interrupted, too many failures) sets process.exitCode.
    return Number(process.exitCode ?? 0) || 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ForgeError) {
      process.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`unexpected error — please report it with the command you ran:\n`);
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 70;
  }
}
