import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startFakeOpenAI } from './start-fake-openai.ts';

// Manual runs and benchmarks: always answer with one fixed valid plan, optionally slow and rate-limited.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'latency-ms': { type: 'string', default: '0' },
    rpm: { type: 'string' },
    'plan-file': { type: 'string' },
  },
});

function toNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    process.stderr.write(`fake-openai: --${name} must be a non-negative number, got ${JSON.stringify(text)}\n`);
    process.exit(2);
  }
  return value;
}

if (!values['plan-file']) {
  process.stderr.write('fake-openai: --plan-file <plan.json> is required (the plan every call answers with)\n');
  process.exit(2);
}
const plan: unknown = JSON.parse(await readFile(values['plan-file'], 'utf8'));
const fake = await startFakeOpenAI(() => ({ type: 'json', body: plan }), {
  port: toNumber('port', values.port),
  host: values.host,
  latencyMs: toNumber('latency-ms', values['latency-ms']),
  rpm: values.rpm !== undefined ? toNumber('rpm', values.rpm) : undefined,
});
process.stdout.write(`${fake.url}\n`);

const stop = () => {
  fake.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
