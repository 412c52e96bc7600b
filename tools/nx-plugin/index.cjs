// Nx loads a local plugin with require(). Node 20 cannot strip TypeScript types, so load-plugin.cjs serves an
// esbuild bundle of src/ kept in step with its inputs, falling back to tsx (the loader every forge command runs
// under) when bundling fails.
module.exports = require('./load-plugin.cjs').loadPlugin();
