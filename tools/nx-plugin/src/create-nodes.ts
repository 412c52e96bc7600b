import { dirname } from 'node:path';
import { createNodesFromFiles, type CreateNodes, type CreateNodesResult } from '@nx/devkit';
import { parsePlaybookOptions } from './playbook-options.ts';
import { playbookTargets } from './playbook-targets.ts';

/**
 * Infers the dataset playbook's targets for the workspace's root project (its project.json holds only what is
 * project-specific), the way Nx's own plugins infer targets from a tool's config file: nx.json `plugins` gives the
 * options, `nx show project dataset` and `nx graph` show the result.
 */
export const createNodes: CreateNodes<unknown> = [
  'project.json',
  async (files, options, context) => {
    const parsed = parsePlaybookOptions(options);
    return createNodesFromFiles(
      (file): CreateNodesResult => ({ projects: { [dirname(file)]: { targets: playbookTargets(parsed) } } }),
      files,
      parsed,
      context,
    );
  },
];
