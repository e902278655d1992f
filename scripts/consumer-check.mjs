#!/usr/bin/env node
// Consumer check: pack every published package, install only the tarballs of errors, message,
// routing and adapter-kit into an empty project outside the workspace, then import them from ESM, require them
// from CommonJS and type-check a TypeScript file against their published typings. Each step
// exercises real behaviour (scripts/consumer/check.*).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const consumerPackages = ['errors', 'message', 'routing', 'adapter-kit'];
const work = mkdtempSync(join(tmpdir(), 'fluxcore-consumer-'));
const sh = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

try {
  const tarballs = join(work, 'tarballs');
  for (const name of readdirSync(join(root, 'packages'))) {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
    if (pkg.private) continue;
    sh('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', name));
  }
  const files = readdirSync(tarballs);
  const tarballOf = (name) =>
    join(
      tarballs,
      files.find((f) => f.startsWith(`fluxcore-${name}-`)),
    );

  const app = join(work, 'app');
  cpSync(join(root, 'scripts', 'consumer'), app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '0.0.0' }));
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck: false, types: [] },
      files: ['check.ts'],
    }),
  );
  sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...consumerPackages.map(tarballOf)], app);

  process.stdout.write(sh(process.execPath, ['check.mjs'], app));
  process.stdout.write(sh(process.execPath, ['check.cjs'], app));
  sh(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], app);
  console.log('typescript consumer: ok');
} catch (error) {
  console.error(`consumer check failed: ${error.message}`);
  if (error.stdout) console.error(error.stdout);
  process.exitCode = 1;
} finally {
  if (process.env.KEEP_CONSUMER) console.error(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
