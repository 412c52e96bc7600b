// Writes every published JSON Schema from its zod source. Run after changing a schema:
//   node --import tsx tools/scripts/generate-schemas.ts          (write)
//   node --import tsx tools/scripts/generate-schemas.ts --check  (exit 1 when a committed file drifts)
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '@forge/files';
import { sampleJsonSchemaText } from '@forge/sample';
import { manifestJsonSchemaText } from '@forge/packager';

const root = fileURLToPath(new URL('../../', import.meta.url));

const published: Array<{ file: string; text: () => string }> = [
  { file: 'libs/sample/schema/skyrl-sample.schema.json', text: sampleJsonSchemaText },
  { file: 'libs/packager/schema/manifest.schema.json', text: manifestJsonSchemaText },
];

const check = process.argv.includes('--check');
let drifted = 0;
for (const schema of published) {
  const path = `${root}${schema.file}`;
  const text = schema.text();
  const current = await readFile(path, 'utf8').catch(() => null);
  if (current === text) continue;
  if (check) {
    drifted += 1;
    process.stderr.write(`${schema.file} differs from its zod source; run tools/scripts/generate-schemas.ts\n`);
  } else {
    await writeFileAtomic(path, text);
    process.stdout.write(`wrote ${schema.file}\n`);
  }
}
process.exitCode = drifted ? 1 : 0;
