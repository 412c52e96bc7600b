import type { ToolListing } from './default-tool-inventory.ts';

/** The two action shapes the MCPToolEnv parses; anything else is not an action. */
export const ACTION_FORMAT = [
  '{"tool_call": {"server": "<server>", "tool": "<tool>", "params": {...}}}',
  '{"final_answer": "<your answer>"}',
] as const;

/** The system message: guidance, every tool as `server.tool — description`, and the action format the env parses. */
export function buildSystemPrompt(tools: readonly ToolListing[]): string {
  const ordered = [...tools].sort((a, b) => a.server.localeCompare(b.server) || a.tool.localeCompare(b.tool));
  const lines = ordered.map((tool) => `- ${tool.server}.${tool.tool} — ${oneLine(tool.description)}`);
  return [
    'You are an equity-research assistant working in a frozen market snapshot. Answer the user\'s request by calling',
    'tools and reasoning only over what they return; never invent numbers.',
    '',
    'Available tools:',
    ...lines,
    '',
    'Each reply is exactly one JSON object and nothing else. To call a tool:',
    ACTION_FORMAT[0],
    'When you have what you need, answer with:',
    ACTION_FORMAT[1],
    'Use one tool call per turn, cite figures as the tools gave them, and keep the final answer concise.',
  ].join('\n');
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
