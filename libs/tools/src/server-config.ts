import { z } from 'zod';
import { ConfigError } from '@forge/errors';

const CommandSchema = z.object({
  command: z.string().min(1).describe('executable, resolved from PATH (e.g. node)'),
  args: z.array(z.string()).describe('arguments; relative paths are relative to the workspace root'),
});

/** One MCP server as `mcp_servers/configs/<name>.json` describes it. */
export const ServerConfigSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_-]*$/).describe('server name used in plans (server.tool)'),
    url: z.url().describe('Streamable HTTP endpoint, e.g. http://127.0.0.1:7101/mcp'),
    transport: z.literal('streamable-http').describe('how clients reach the running server'),
    http: CommandSchema.extend({
      port: z.number().int().min(1).max(65_535).describe('port the http command listens on'),
    }).describe('how the supervisor starts it over Streamable HTTP'),
    stdio: CommandSchema.describe('how an MCP client starts it over stdio'),
    live_env: z
      .array(z.string().regex(/^[A-Z][A-Z0-9_]*$/))
      .optional()
      .describe('environment variables the live backend needs (serve refuses to start it without them)'),
    expected_tools: z.array(z.string().min(1)).min(1).describe('tools health-check requires'),
    probe: z
      .object({
        tool: z.string().min(1).describe('a cheap tool health-check calls'),
        arguments: z.record(z.string(), z.unknown()).describe('its arguments'),
      })
      .describe('light call proving the server answers'),
  })
  .superRefine((config, context) => {
    const port = new URL(config.url).port;
    if (port !== String(config.http.port)) {
      context.addIssue({ code: 'custom', path: ['url'], message: `port ${port || '(none)'} differs from http.port ${config.http.port}` });
    }
    if (!config.expected_tools.includes(config.probe.tool)) {
      context.addIssue({ code: 'custom', path: ['probe', 'tool'], message: `probe tool ${config.probe.tool} is not in expected_tools` });
    }
  });
export type ServerConfig = z.infer<typeof ServerConfigSchema>;

/** Validates one parsed config file; throws ConfigError naming the file and the first bad field. */
export function parseServerConfig(value: unknown, file: string): ServerConfig {
  const parsed = ServerConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ConfigError({
    file,
    field: parsed.error.issues[0].path.join('.') || undefined,
    problem: problems.join('; '),
    hint: 'see mcp_servers/configs/polygon.json for the shape',
  });
}
