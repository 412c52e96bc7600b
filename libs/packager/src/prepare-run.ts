import { buildSystemPrompt, DEFAULT_MAX_PROMPT_TOKENS, DEFAULT_PROMPT_TOKEN_ENCODING, DEFAULT_TOOL_INVENTORY, type PromptTokenEncoding, loadSampleValidator, type SampleValidator, type ToolListing, type ToSampleOptions } from '@forge/sample';
import { placeRecords } from './catalog-order.ts';
import { indexRecords, type CompactRunIndex, type RecordRef } from './index-run.ts';
import { readChunkLayout } from './read-chunk-layout.ts';
import type { RecordSequence } from './record-table.ts';

export interface RunOptions {
  /** Where the engine appended records (data/generated). */
  generatedDir: string;
  /** Package directory (data/processed). */
  outDir: string;
  /** The prepared catalog fixing the order (data/inputs/curriculum_prompts.json); null to keep prompt_index order. */
  promptsFile?: string | null;
  /** SkyRL's max_prompt_length: rows whose prompt (chat template included) is longer are rejected. Default 8192. */
  maxPromptTokens?: number;
  /** Tokenizer encoding the prompt is counted in; default o200k_base. */
  promptTokenEncoding?: PromptTokenEncoding;
  dataSource?: string;
  envClass?: string;
  extraTurns?: number;
  /** Tools the system prompt lists; defaults to the documented tool world. */
  inventory?: readonly ToolListing[];
  /** Defaults to the committed skyrl-sample.schema.json. */
  validator?: SampleValidator;
}

export interface PreparedRun {
  index: CompactRunIndex;
  /** Sample records in catalog order, each ref made when its turn comes. */
  ordered: RecordSequence;
  validator: SampleValidator;
  maxPromptTokens: number;
  promptTokenEncoding: PromptTokenEncoding;
  sampleOptions: (ref: RecordRef, rawOutputPath?: string) => ToSampleOptions;
}

/** Indexes the shards, fixes the catalog order and builds the shared system prompt once for every sample. */
export async function prepareRun(options: RunOptions): Promise<PreparedRun> {
  const promptsFile = options.promptsFile === null ? null : (options.promptsFile ?? 'data/inputs/curriculum_prompts.json');
  // Chunked shards (issue 15): read exactly the chunks prepare-prompts wrote, and give each record the prompt_index
  // an unchunked run gives it (its place in the whole shard, not in its chunk), so the package is the same bytes.
  const chunks = promptsFile === null ? null : await readChunkLayout(promptsFile);
  const index = await indexRecords(options.generatedDir, chunks ?? undefined);
  // One streamed pass over the prompts file gives every record its catalog position (and shard position, chunked).
  if (promptsFile !== null) await placeRecords(index.table, promptsFile, chunks !== null);
  const inventory = options.inventory ?? DEFAULT_TOOL_INVENTORY;
  const systemPrompt = buildSystemPrompt(inventory);
  return {
    index,
    ordered: index.table.ordered(),
    validator: options.validator ?? (await loadSampleValidator()),
    maxPromptTokens: options.maxPromptTokens ?? DEFAULT_MAX_PROMPT_TOKENS,
    promptTokenEncoding: options.promptTokenEncoding ?? DEFAULT_PROMPT_TOKEN_ENCODING,
    sampleOptions: (_ref, rawOutputPath) => ({
      dataSource: options.dataSource,
      envClass: options.envClass,
      extraTurns: options.extraTurns,
      inventory,
      systemPrompt,
      rawOutputPath: rawOutputPath ?? null,
    }),
  };
}
