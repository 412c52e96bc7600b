import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';

describe('fake-openai CLI', () => {
  it('serves the plan file on an ephemeral port until SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fake-openai-'));
    try {
      const planFile = join(dir, 'plan.json');
      await writeFile(planFile, JSON.stringify({ tool_sequence: [] }));
      const child = execa('node', ['--import', 'tsx', 'tools/fake-openai/src/main.ts', '--plan-file', planFile, '--rpm', '100'], { reject: false });
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
        child.once('exit', () => reject(new Error('fake-openai exited early')));
      });
      const client = new OpenAI({ baseURL: url, apiKey: 'x', maxRetries: 0 });
      const completion = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'plan' }] });
      expect(JSON.parse(completion.choices[0].message.content ?? '')).toEqual({ tool_sequence: [] });
      child.kill('SIGTERM');
      expect((await child).exitCode).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start without --plan-file', async () => {
    const result = await execa('node', ['--import', 'tsx', 'tools/fake-openai/src/main.ts'], { reject: false });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--plan-file');
  });
  it('answers every call with a 429 and Retry-After 3600 in --mode rate-limit (no plan file needed)', async () => {
    const child = execa('node', ['--import', 'tsx', 'tools/fake-openai/src/main.ts', '--mode', 'rate-limit'], { reject: false });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
        child.once('exit', () => reject(new Error('fake-openai exited early')));
      });
      const response = await fetch(`${url}/chat/completions`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('3600');
    } finally {
      child.kill('SIGTERM');
      await child;
    }
  });

  it('refuses an unknown --mode', async () => {
    const result = await execa('node', ['--import', 'tsx', 'tools/fake-openai/src/main.ts', '--mode', 'sulk'], { reject: false });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--mode must be one of');
  });
});
