import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { FakeReply } from './fake-reply.ts';
import { startFakeOpenAI } from './start-fake-openai.ts';

// Manual runs, benchmarks and fault drills: answer every call the same way — one fixed valid plan (the default), or
// a fault: hang (never answer), rate-limit (429 with Retry-After, 3600 s unless --retry-after), empty-choices.
const MODES = ['plan', 'hang', 'rate-limit', 'empty-choices'] as const;
type Mode = (typeof MODES)[number];

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'latency-ms': { type: 'string', default: '0' },
    rpm: { type: 'string' },
    'plan-file': { type: 'string' },
    mode: { type: 'string', default: 'plan' },
    'retry-after': { type: 'string', default: '3600' },
  },
});

function fail(message: string): never {
  process.stderr.write(`fake-openai: ${message}\n`);
  process.exit(2);
}

function toNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) fail(`--${name} must be a non-negative number, got ${JSON.stringify(text)}`);
  return value;
}

const mode = values.mode as Mode;
if (!MODES.includes(mode)) fail(`--mode must be one of ${MODES.join(', ')}, got ${JSON.stringify(values.mode)}`);
if (mode === 'plan' && !values['plan-file']) fail('--plan-file <plan.json> is required (the plan every call answers with)');
const plan: unknown = values['plan-file'] ? JSON.parse(await readFile(values['plan-file'], 'utf8')) : undefined;
const retryAfterSeconds = toNumber('retry-after', values['retry-after']);
const replies: Record<Mode, FakeReply> = {
  plan: { type: 'json', body: plan },
  hang: { type: 'hang' },
  'rate-limit': { type: 'rate-limit', retryAfterSeconds },
  'empty-choices': { type: 'empty-choices' },
};
const fake = await startFakeOpenAI(() => replies[mode], {
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
