import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** A compiled inputSchema check, or the reason the schema could not be compiled. */
export type ParamValidator = ValidateFunction | Error;

const AJV_OPTIONS = { strict: false, allErrors: true, validateFormats: false, logger: false } as const;

/**
 * Compiled validators for tool inputSchemas, shared by every checkPlan call that is given it: one ajv instance per
 * draft and one compile per distinct schema. Issue 14 measured a fresh ajv and about 3.4 compiles per plan at
 * 14.5–16.9 ms a sample, blocking the event loop every in-flight call shares.
 *
 * Keyed by the schema's JSON text, so inventories listed again (a reconnect, a second ToolHub) hit too; the
 * object itself is a first-level key so the common case skips the stringify. A schema with an `$id` gets its own
 * ajv: one instance refuses a second, different schema under an id it already holds, and a fresh instance per
 * schema is what checkPlan did before, so the verdicts stay the same.
 */
export class ParamValidators {
  private draft07: Ajv | undefined;
  private draft2020: Ajv2020 | undefined;
  private readonly byObject = new WeakMap<object, ParamValidator>();
  private readonly byText = new Map<string, ParamValidator>();
  /** Schemas compiled so far (distinct texts), for tests and the bench. */
  compiles = 0;

  /** The validator for a tool's inputSchema, compiling it on first sight; never throws (a bad schema is an Error value). */
  validatorFor(schema: Record<string, unknown>): ParamValidator {
    const known = this.byObject.get(schema);
    if (known) return known;
    const text = JSON.stringify(schema);
    let validator = this.byText.get(text);
    if (!validator) {
      validator = this.compile(schema);
      this.byText.set(text, validator);
    }
    this.byObject.set(schema, validator);
    return validator;
  }

  private compile(schema: Record<string, unknown>): ParamValidator {
    this.compiles += 1;
    try {
      const draft2020 = typeof schema.$schema === 'string' && schema.$schema.includes('2020-12');
      // ajv's default build throws on a `$schema` draft it does not bundle; the draft is chosen here instead.
      const { $schema: _ignored, ...body } = schema;
      if (body.$id !== undefined) return draft2020 ? new Ajv2020(AJV_OPTIONS).compile(body) : new Ajv(AJV_OPTIONS).compile(body);
      if (draft2020) return (this.draft2020 ??= new Ajv2020(AJV_OPTIONS)).compile(body);
      return (this.draft07 ??= new Ajv(AJV_OPTIONS)).compile(body);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}
