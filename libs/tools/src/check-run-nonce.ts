import { z } from 'zod';

const HealthReplySchema = z.object({ run_nonce: z.string().optional() }).loose();

/**
 * Why the server behind an MCP URL is not the one `expected` names: its GET /health reports another (or no) run nonce,
 * or cannot be read. Undefined when it is ours.
 */
export async function checkRunNonce(mcpUrl: string, expected: string, timeoutMs: number): Promise<string | undefined> {
  const healthUrl = new URL('/health', mcpUrl);
  let reply: unknown;
  try {
    const response = await fetch(healthUrl, { signal: AbortSignal.timeout(timeoutMs) });
    reply = await response.json();
  } catch (error) {
    return `cannot read ${healthUrl.href} to check the run nonce: ${error instanceof Error ? error.message : String(error)}`;
  }
  const parsed = HealthReplySchema.safeParse(reply);
  const found = parsed.success ? parsed.data.run_nonce : undefined;
  if (found === expected) return undefined;
  return `serves another run (run nonce ${found ?? 'none'}, expected ${expected}): another forge serve holds this port`;
}
