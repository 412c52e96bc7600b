import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Mirrors the `paths` of tsconfig.base.json so tests import libs by their public alias only.
export default defineConfig({
  resolve: {
    alias: [
      // mcp-host is a lib, not a server: its exact alias must win over the @forge/mcp-* pattern.
      { find: /^@forge\/mcp-host$/, replacement: `${root}libs/mcp-host/src/index.ts` },
      { find: /^@forge\/mcp-(.+)$/, replacement: `${root}mcp_servers/$1/src/index.ts` },
      { find: /^@forge\/(.+)$/, replacement: `${root}libs/$1/src/index.ts` },
    ],
  },
  test: {
    include: ['apps/**/*.test.ts', 'libs/**/*.test.ts', 'mcp_servers/**/*.test.ts', 'tools/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './tools/scripts/summary-reporter.ts'],
  },
});
