export { createNodes } from './create-nodes.ts';
export { createNodes as createNodesV2 } from './create-nodes.ts';
export { parsePlaybookOptions, PlaybookOptionsSchema } from './playbook-options.ts';
export type { PlaybookOptions } from './playbook-options.ts';
export { playbookTargets, generateTargetName, PACKAGE_NODE_FLAGS } from './playbook-targets.ts';
export const name = 'curriculum-forge/playbook';
