// Nx loads this plugin in a fresh process on every nx command, so compiling its TypeScript (and @forge/catalog's)
// through tsx cost about 2 s of each fully cached `npm start` (issue 14 item 6). An esbuild bundle loads in a
// fraction of that. It is used only while every file it was built from (esbuild's own list, node_modules included)
// hashes as recorded beside it; otherwise it is rebuilt first, so an edit never meets a stale bundle. The plugin
// cannot be built by an Nx target of its own: Nx needs the plugin before it can run any target.
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const workspaceRoot = resolve(__dirname, '../..');
const distDir = join(__dirname, 'dist');
const bundleFile = join(distDir, 'index.cjs');
const inputsFile = join(distDir, 'inputs.json');

function hashOf(file) {
  return createHash('sha256').update(readFileSync(join(workspaceRoot, file))).digest('hex');
}

/** True when the bundle and its input list exist and every input still has its recorded hash. */
function bundleIsCurrent() {
  try {
    const recorded = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return Object.entries(recorded).every(([file, sha256]) => hashOf(file) === sha256);
  } catch {
    return false;
  }
}

/** Bundles src/index.ts with esbuild, then writes the bundle and its input hashes, each temp-then-rename. */
function buildBundle() {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [join(__dirname, 'src/index.ts')],
    absWorkingDir: workspaceRoot,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Nx hands the plugin its own devkit; the bundle must use that copy, not one of its own.
    external: ['@nx/devkit', 'nx'],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((file) => [file, hashOf(file)]));
  mkdirSync(distDir, { recursive: true });
  const suffix = `.${process.pid}.tmp`;
  writeFileSync(bundleFile + suffix, result.outputFiles[0].contents);
  renameSync(bundleFile + suffix, bundleFile);
  writeFileSync(inputsFile + suffix, `${JSON.stringify(inputs, null, 2)}\n`);
  renameSync(inputsFile + suffix, inputsFile);
}

/** The plugin module: the bundle when current (rebuilt when not), tsx over the source if bundling fails. */
function loadPlugin() {
  if (!bundleIsCurrent()) {
    try {
      buildBundle();
    } catch (error) {
      process.stderr.write(`nx-plugin: could not bundle (${error.message.split('\n')[0]}); loading the TypeScript source through tsx\n`);
      const { require: tsxRequire } = require('tsx/cjs/api');
      return tsxRequire('./src/index.ts', __filename);
    }
  }
  return require(bundleFile);
}

module.exports = { loadPlugin, bundleIsCurrent, buildBundle };
