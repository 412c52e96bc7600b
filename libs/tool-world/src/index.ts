export { createToolWorld } from './create-tool-world.ts';
export type { ToolWorld, ToolWorldOptions } from './create-tool-world.ts';
