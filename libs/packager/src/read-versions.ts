import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Packages whose versions shape a package's bytes; the manifest records them. */
export const RECORDED_PACKAGES = ['zod', 'ajv', 'hyparquet-writer', '@modelcontextprotocol/sdk', 'openai', 'pyodide'] as const;

/** Versions of the project and the given installed packages, read from package.json files under root; absent ones are skipped. */
export async function readVersions(root: string, names: readonly string[] = RECORDED_PACKAGES): Promise<Record<string, string>> {
  const versions: Record<string, string> = { node: process.version };
  const read = async (file: string) => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as { name?: string; version?: string };
    } catch {
      return null;
    }
  };
  const project = await read(join(root, 'package.json'));
  if (project?.name && project.version) versions[project.name] = project.version;
  for (const name of names) {
    const info = await read(join(root, 'node_modules', name, 'package.json'));
    if (info?.version) versions[name] = info.version;
  }
  return versions;
}
