import { describe, expect, it } from 'vitest';
import { linkInMemory, OutputSchemaValidators, outputValidators } from '@forge/mcp-host';
import { createEchoServer } from './__fixtures__/echo-server.ts';

describe('outputValidators with shared OutputSchemaValidators', () => {
  it('compiles a schema two servers share once and checks output from both the same way', async () => {
    const shared = new OutputSchemaValidators();
    const first = await linkInMemory(createEchoServer('one'), 'validators-test');
    const second = await linkInMemory(createEchoServer('two'), 'validators-test');
    try {
      const fromFirst = await outputValidators(first, shared);
      const fromSecond = await outputValidators(second, shared);
      expect(shared.compiles).toBe(1);
      for (const validators of [fromFirst, fromSecond]) {
        const validate = validators.get('echo')!;
        expect(validate({ text: 'hi', server: 'one' })).toBe(true);
        expect(validate({ text: 1, server: 'one' })).toBe(false);
        expect(validate.errors?.[0]?.instancePath).toBe('/text');
      }
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('keeps two different schemas under one $id apart', () => {
    const shared = new OutputSchemaValidators();
    const strict = shared.validatorFor({ $id: 'https://example.test/out.json', type: 'object', required: ['n'] });
    const loose = shared.validatorFor({ $id: 'https://example.test/out.json', type: 'object' });
    expect(strict({})).toBe(false);
    expect(loose({})).toBe(true);
    expect(shared.compiles).toBe(2);
  });
});
