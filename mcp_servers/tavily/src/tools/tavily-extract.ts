import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { TavilyBackend } from '../tavily-backend.ts';

export const ExtractInputSchema = z.object({
  urls: z.array(z.string().min(1)).min(1).max(20).describe('Page URLs, e.g. from tavily_search results'),
});

export const ExtractOutputSchema = z.object({
  results: z
    .array(z.object({ url: z.string().describe('Page URL'), raw_content: z.string().describe('Full page text') }))
    .describe('Pages extracted'),
  failed_results: z
    .array(z.object({ url: z.string().describe('Page URL'), error: z.string().describe('Why it could not be extracted') }))
    .describe('Pages that could not be extracted'),
});
export type ExtractOutput = z.infer<typeof ExtractOutputSchema>;

/** Registers tavily_extract. */
export function registerExtract(server: McpServer, backend: TavilyBackend): void {
  server.registerTool(
    'tavily_extract',
    {
      title: 'Extract pages',
      description: 'Returns the full text of web pages by URL; URLs that cannot be read are listed in failed_results.',
      inputSchema: ExtractInputSchema,
      outputSchema: ExtractOutputSchema,
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    async ({ urls }) => {
      const output = await backend.extract(urls);
      const text = `extracted ${output.results.length} of ${urls.length} pages${output.failed_results.length > 0 ? `; failed: ${output.failed_results.map((failure) => failure.url).join(', ')}` : ''}`;
      return { structuredContent: output, content: [{ type: 'text', text }] };
    },
  );
}
