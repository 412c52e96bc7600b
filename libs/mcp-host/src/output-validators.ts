import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * Output-schema validators shared across clients: one ajv instance and one compile per distinct schema (keyed by
 * its JSON text), so linking the same servers again compiles nothing (issue 14). A schema with an `$id` gets its
 * own ajv, because one instance refuses a second, different schema under an id it already holds.
 */
export class OutputSchemaValidators {
  private ajv: Ajv | undefined;
  private readonly byText = new Map<string, ValidateFunction>();
  /** Schemas compiled so far. */
  compiles = 0;

  /** The validator for one output schema; throws ajv's error when the schema does not compile. */
  validatorFor(outputSchema: Record<string, unknown>): ValidateFunction {
    // ajv's default build throws on a `$schema` draft it does not bundle; the schema bodies are plain JSON Schema.
    const { $schema: _ignored, ...schema } = outputSchema;
    const text = JSON.stringify(schema);
    let validator = this.byText.get(text);
    if (!validator) {
      validator = schema.$id === undefined ? (this.ajv ??= new Ajv({ strict: false })).compile(schema) : new Ajv({ strict: false }).compile(schema);
      this.compiles += 1;
      this.byText.set(text, validator);
    }
    return validator;
  }
}

/**
 * Compiles an ajv validator for the output schema of every tool the client lists (tools without one are skipped);
 * pass one OutputSchemaValidators to share the compiles across clients.
 */
export async function outputValidators(client: Client, validators: OutputSchemaValidators = new OutputSchemaValidators()): Promise<Map<string, ValidateFunction>> {
  const byTool = new Map<string, ValidateFunction>();
  for (const tool of (await client.listTools()).tools) {
    if (!tool.outputSchema) continue;
    byTool.set(tool.name, validators.validatorFor(tool.outputSchema as Record<string, unknown>));
  }
  return byTool;
}
