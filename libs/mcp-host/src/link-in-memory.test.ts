import { describe, expect, it } from 'vitest';
import { linkInMemory, outputValidators } from '@forge/mcp-host';
import { createEchoServer } from './__fixtures__/echo-server.ts';

describe('linkInMemory and outputValidators', () => {
  it('connects a named client in-process and validates tool output against the listed schema', async () => {
    const client = await linkInMemory(createEchoServer('memory'), 'link-test');
    const result = await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
    expect(result.structuredContent).toEqual({ text: 'hi', server: 'memory' });

    const validators = await outputValidators(client);
    expect([...validators.keys()]).toEqual(['echo']);
    const validate = validators.get('echo')!;
    expect(validate(result.structuredContent)).toBe(true);
    expect(validate({ text: 1, server: 'memory' })).toBe(false);
    await client.close();
  });
});
