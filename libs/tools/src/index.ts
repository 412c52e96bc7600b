export { ToolSpecSchema } from './tool-spec.ts';
export type { ToolSpec, ToolResult, ToolCaller, JsonSchema } from './tool-spec.ts';
