import { describe, expect, it } from 'vitest';
import { createNodes, parsePlaybookOptions, playbookTargets } from './index.ts';

describe('playbookTargets', () => {
  const targets = playbookTargets(parsePlaybookOptions({ chunks: 3, labels: ['simple', 'complex'] }));

  it('infers one cached generate target per chunk, each keyed on its own chunk file only', () => {
    const generate = Object.keys(targets).filter((name) => name.startsWith('generate-'));
    expect(generate).toEqual(['generate-simple-0', 'generate-simple-1', 'generate-simple-2', 'generate-complex-0', 'generate-complex-1', 'generate-complex-2']);
    const chunk = targets['generate-complex-1'];
    expect(chunk.cache).toBe(true);
    expect(chunk.inputs?.[0]).toEqual({ dependentTasksOutputFiles: '**/shards/complex-1.json' });
    expect(chunk.outputs).toEqual(['{workspaceRoot}/data/generated/chunks/complex-1']);
    expect(chunk.options.command).toContain('--prompt-file data/shards/complex-1.json --complexity complex --out data/generated/chunks/complex-1');
  });

  it('lets generate own its tool world: no generate target waits for start-mcp or health-check', () => {
    for (const [name, target] of Object.entries(targets)) {
      if (name.startsWith('generate-')) {
        expect(target.dependsOn).toEqual(['prepare-prompts']);
        expect(target.options.command).toContain('--in-process');
      }
    }
    expect(targets['start-mcp'].continuous).toBe(true);
    expect(targets['health-check'].dependsOn).toEqual(['start-mcp']);
  });

  it('chains prepare → every chunk → validate → package, and prepare writes the configured chunk count', () => {
    expect(targets['prepare-prompts'].options.command).toMatch(/prepare --chunks 3$/);
    expect(targets.validate.dependsOn).toHaveLength(6);
    expect(targets.package.dependsOn).toEqual(['validate']);
    // One log folder for every chunk (RUN_ID, else "playbook"), the one package archives.
    expect(targets['generate-simple-0'].options.command).toContain('--log-dir logs/dataset_runs/"${RUN_ID:-playbook}"');
    expect(targets.package.options.command).toMatch(/--run-id "\$\{RUN_ID:-playbook\}"$/);
    // The package process runs with a bounded heap (issue 14), the flags the scale bench measures it with.
    expect(targets.package.options.command).toMatch(/^node --max-old-space-size=\d+ --import tsx apps\/cli\/src\/main.ts package /);
  });

  it('hashes the configured catalog unless PROMPT_FILE names another', () => {
    const custom = playbookTargets(parsePlaybookOptions({ catalog: 'data/inputs/big.json' }));
    expect(custom['prepare-prompts'].inputs?.[0]).toEqual({ runtime: 'PROMPT_FILE="${PROMPT_FILE:-data/inputs/big.json}" node tools/scripts/hash-prompt-file.mjs' });
  });
});

describe('parsePlaybookOptions', () => {
  it('fills the defaults: the authored catalog, 4 chunks, all three complexities', () => {
    expect(parsePlaybookOptions(undefined)).toEqual({ catalog: 'data/inputs/catalog.json', chunks: 4, labels: ['simple', 'moderate', 'complex'], dataDir: 'data' });
  });

  it('names every bad option at once', () => {
    expect(() => parsePlaybookOptions({ chunks: 0, labels: ['hard'], extra: 1 })).toThrow(/chunks: .*labels\.0: .*\(options\): .*extra/);
    expect(() => parsePlaybookOptions({ labels: ['simple', 'simple'] })).toThrow(/repeat/);
  });
});

describe('createNodes', () => {
  it('gives the root project.json the inferred targets', async () => {
    const [pattern, create] = createNodes;
    expect(pattern).toBe('project.json');
    const results = await create(['project.json'], { chunks: 2 }, { nxJsonConfiguration: {}, workspaceRoot: '/workspace' });
    expect(results).toHaveLength(1);
    const [file, result] = results[0];
    expect(file).toBe('project.json');
    expect(Object.keys(result.projects?.['.']?.targets ?? {})).toContain('generate-moderate-1');
  });
});
