import { describeAsks, readAsks } from '@forge/asks';
import { STEP_RANGES, type PlanIssue } from '@forge/plan';
import type { ToolSpec } from '@forge/tools';
import type { PlanRequest } from './planner.ts';
import type { JsonMessage } from './openai-json-client.ts';
import { compactJsonSchema } from './openai-json-schema.ts';
import { OPENAI_PLAN_EXAMPLE } from './openai-plan-example.ts';

const DEFAULT_DOMAIN = 'equities-research';

// Written against ../shared/conformance/dsl_vectors.json: every rule here is one the environment enforces.
const DSL_GRAMMAR = `PLAN DSL (the training environment re-runs your plan with exactly these rules)
extract — paths into THIS step's tool result (its structured output):
  field            top-level field                      "price = price"
  a.b              nested field                         "close = data.quote.c"
  x[]              a list as is                         "bars = results[]"
  a.b[]            a nested list                        "rows = data.results[]"
  x[][f]           field f of every list item           "titles = results[][title]"
  x{k->v}          dict built from list items k -> v    "moves = results{symbol->changesPercentage}"
  alias = path     ALWAYS alias every extraction ("name = path", spaces around "="); unaliased list paths get
                   awkward keys like "results[title]". Null or missing values are not stored. No numeric
                   indexes in paths (results[0] fails): extract the list, index it in compute.
compute / select — "name = expr" over variables already set (earlier steps or this step's extract):
  literals (numbers, 'strings', [lists]), + - * / // %, comparisons, and/or/not, x[i], x[a:b], x['key']
  (never attribute access x.y), "a or b" as a default.
  helpers: len(x), sum(list), min(list), max(list), head(list, n) (n required), topk(dict, k) (keys of the
  k largest values), unique(list of scalars), concat(a, b, ...), count_keys(dict),
  regex_extract_all('pattern', text), pct_change_last_day(dict of bar lists).
  Avoid median, first, safe_index, safe_attr: they are not portable and get flagged.
accept_if — boolean expressions over variables introduced by THIS step only (its extract/compute/select),
  never variables of other steps: comparisons (chained ok: 0 < x < 10), and/or/not, "is None", "is not None",
  "in", "not in", and x ~= 'regex' (regex search; spaces around "~=").
params placeholders — "\${expr}" inside string params, over variables of EARLIER steps; renders as text (lists and
  dicts as JSON text). Use plain variables or indexing ("\${tickers[0]}"), not helper calls. For python steps
  pass inputs as {"name": "\${var}"}; the code converts them (float(x), json.loads(x)) and sets a variable
  named result (a dict), which you then extract as "alias = result.key".
next_args_from — optional: the variable of this step that feeds the next step's params.`;

function describeTool(tool: ToolSpec): string {
  return JSON.stringify({
    tool: `${tool.server}.${tool.tool}`,
    description: tool.description,
    input: compactJsonSchema(tool.inputSchema),
    ...(tool.outputSchema ? { output: compactJsonSchema(tool.outputSchema) } : {}),
  });
}

function domainOf(request: PlanRequest): string {
  const domain = request.entry.metadata?.domain;
  return typeof domain === 'string' && domain.trim() !== '' ? domain : DEFAULT_DOMAIN;
}

/** The system message: role, tools with schemas, DSL grammar, limits and one worked example. */
export function buildPlanSystemPrompt(request: PlanRequest): string {
  const [minSteps, maxSteps] = STEP_RANGES[request.entry.complexity];
  const example = OPENAI_PLAN_EXAMPLE;
  return [
    `You are a planner for ${domainOf(request)} questions. You write a tool plan, as one JSON object, that`,
    'answers the user question from tool results only. The plan is executed step by step over MCP tools.',
    '',
    'TOOLS (use only these: "server" is the part before the dot, "tool" the part after; params must match "input";',
    'extraction paths must exist in "output"):',
    ...request.inventory.map(describeTool),
    '',
    DSL_GRAMMAR,
    '',
    'PLAN RULES',
    `- complexity "${request.entry.complexity}": between ${minSteps} and ${maxSteps} steps; at most ${request.limits.max_tools} tool calls;`,
    `  the answering agent gets at most ${request.limits.max_turns} turns.`,
    '- steps are numbered 1, 2, 3, ... in order; each step calls one server.tool with concrete params.',
    '- final_answer_requirements.grounded_from lists variables your steps set; must_include is a subset of it.',
    '- judge_rubric.weights (coverage, grounding, clarity, safety) sum to 1; judge_rubric.schema is',
    '  ["coverage","grounding","clarity","safety","total"] (the judge\'s score fields; the packaged sample turns them',
    '  into a JSON Schema object, each a number 0-1, all required); target_length_range is [min, max] words.',
    '- Resolve company names to tickers yourself when obvious; otherwise start with fmp.fmp_search_ticker.',
    '- Reply with the JSON plan only: keys tool_sequence, final_answer_requirements, judge_rubric.',
    '',
    `EXAMPLE (complexity ${example.complexity}) for: ${example.prompt}`,
    JSON.stringify(example.plan),
  ].join('\n');
}

/** The user message: the question and what kind of plan to write. */
export function buildPlanUserPrompt(request: PlanRequest): string {
  return [
    `Question (entry ${request.entry.prompt_id}, complexity ${request.entry.complexity}):`,
    request.entry.user_prompt,
    '',
    // The asks as the gate will check them: the plan must fetch enough to deliver each one.
    'The answer must deliver (plan steps that fetch and compute what each needs; exact windows and counts):',
    ...describeAsks(readAsks(request.entry.user_prompt)).map((line) => `- ${line}`),
    '',
    'Write the JSON plan.',
  ].join('\n');
}

export function buildPlanMessages(request: PlanRequest): JsonMessage[] {
  return [
    { role: 'system', content: buildPlanSystemPrompt(request) },
    { role: 'user', content: buildPlanUserPrompt(request) },
  ];
}

function describeIssue(issue: PlanIssue): string {
  const where = [issue.step !== undefined ? `step ${issue.step}` : 'plan', issue.field].filter(Boolean).join(', ');
  return `- [${issue.code}] ${where}: ${issue.message}`;
}

/** The repair message: every error the checker found, verbatim, and a request for the whole corrected plan. */
export function buildRepairPrompt(issues: readonly PlanIssue[]): string {
  return [
    'Your plan was rejected by the plan checker. Fix every problem below and reply with the complete corrected',
    'JSON plan (not a diff, no commentary):',
    ...issues.map(describeIssue),
  ].join('\n');
}
