// Runs one example (`pnpm example bulk`) or all of them (`pnpm examples`, as CI does); fails when any fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../examples/', import.meta.url));
const all = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const wanted = process.argv.slice(2);
const names = wanted.includes('--all') ? all : wanted;
if (names.length === 0 || names.some((n) => !all.includes(n))) {
  console.error(`usage: pnpm example <${all.join('|')}>   (or pnpm examples for all)`);
  process.exit(2);
}
let failed = 0;
for (const name of names) {
  console.log(`\n=== examples/${name} ===`);
  const r = spawnSync(process.execPath, [`${dir}${name}/index.mjs`], { stdio: 'inherit', timeout: 120_000 });
  if (r.status !== 0) {
    console.error(`examples/${name} failed (${r.signal ?? `exit ${r.status}`})`);
    failed++;
  }
}
process.exitCode = failed ? 1 : 0;
