// Writes fluxcore.config.schema.json from the config schema in src/config-schema.ts, so the
// published JSON Schema is always the one the gateway validates with. `pnpm build` runs it;
// config-json-schema.test.ts fails when the committed file is out of date.
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'tsup';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the package, so that the compiled module finds zod in the package's node_modules.
const outDir = join(packageDir, 'node_modules', '.cache', 'config-schema');

await build({
  config: false,
  entry: { 'config-json-schema': join(packageDir, 'src', 'config-json-schema.ts') },
  format: ['esm'],
  outDir,
  target: 'node20',
  silent: true,
});
try {
  const { CONFIG_SCHEMA_FILE, configJsonSchemaText } = await import(pathToFileURL(join(outDir, 'config-json-schema.js')).href);
  writeFileSync(join(packageDir, CONFIG_SCHEMA_FILE), configJsonSchemaText());
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
