import { ForgeError } from '@forge/errors';

/** One or more MCP servers could not be reached or do not offer what the run needs. */
export class ToolHubError extends ForgeError {
  override readonly exitCode = 3;
}
