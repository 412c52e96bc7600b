import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Ajv, type ValidateFunction } from 'ajv';

/** Compiles an ajv validator for the output schema of every tool the client lists (tools without one are skipped). */
export async function outputValidators(client: Client): Promise<Map<string, ValidateFunction>> {
  const ajv = new Ajv({ strict: false });
  const validators = new Map<string, ValidateFunction>();
  for (const tool of (await client.listTools()).tools) {
    if (!tool.outputSchema) continue;
    // ajv's default build throws on a `$schema` draft it does not bundle; the schema bodies are plain JSON Schema.
    const { $schema: _ignored, ...schema } = tool.outputSchema as Record<string, unknown>;
    validators.set(tool.name, ajv.compile(schema));
  }
  return validators;
}
