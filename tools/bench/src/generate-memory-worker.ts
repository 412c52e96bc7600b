import { buildProgram } from '../../../apps/cli/src/command-index.ts';
import { loadEnvironment } from '../../../apps/cli/src/environment.ts';
import { runCli } from '../../../apps/cli/src/run-cli.ts';

// One `forge <command> …` in a process of its own, so the kernel's peak RSS (maxRSS never falls) is that command's:
// `node --import tsx tools/bench/src/generate-memory-worker.ts generate --prompt-file … --in-process`. Prints one JSON
// line last: { exit_code, seconds, peak_rss_mb }.
const argv = [process.argv[0], 'forge', ...process.argv.slice(2)];
const started = performance.now();
const program = await buildProgram(argv, loadEnvironment());
const exitCode = await runCli(program, argv);
// Linux reports maxRSS in KiB: the true high-water mark of this process, not a sampled one.
process.stdout.write(`\n${JSON.stringify({ exit_code: exitCode, seconds: (performance.now() - started) / 1000, peak_rss_mb: process.resourceUsage().maxRSS / 1024 })}\n`);
process.exit(exitCode);
