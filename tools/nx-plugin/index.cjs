// Nx loads a local plugin with require(). Node 20 cannot strip TypeScript types and the workspace has neither
// @swc-node/register nor ts-node, so tsx (already a dependency, the same loader every forge command runs under)
// loads the TypeScript source.
const { require: tsxRequire } = require('tsx/cjs/api');

module.exports = tsxRequire('./src/index.ts', __filename);
