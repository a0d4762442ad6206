// Release checks for every package: publint (package.json vs files), arethetypeswrong (types resolve for every
// entry point; CommonJS users rely on Node's require(esm), exercised by the pack smoke test), source maps whose
// sources ship with them (check-source-maps.mjs), then the packed install.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const packages = ['mime', 'validate', 'compose', 'ses', 'campaign'];
const bin = (name) => `${root}node_modules/.bin/${name}`;
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

for (const p of packages) {
  run(bin('publint'), ['--strict', `packages/${p}`]);
  run(bin('attw'), ['--pack', `packages/${p}`, '--profile', 'esm-only', '--format', 'table-flipped']);
}
run(process.execPath, ['scripts/check-source-maps.mjs']);
run(process.execPath, ['scripts/pack-smoke/run.mjs']);
