// Every published package ships its source maps together with the sources they point at (`dist/*.js.map` and
// `dist/*.d.ts.map` → `../src/*.ts`), so that stack traces and "go to definition" land in real TypeScript. Fails
// when a packed map names a file that is not in the tarball, for every non-private package under packages/.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dirs = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join(root, 'packages', d.name))
  .filter((dir) => {
    try {
      return !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private;
    } catch {
      return false;
    }
  });
let failures = 0;
for (const dir of dirs) {
  const [pack] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  const files = new Set(pack.files.map((f) => f.path));
  const maps = [...files].filter((f) => f.endsWith('.map'));
  const missing = [];
  for (const map of maps) {
    const { sources = [] } = JSON.parse(readFileSync(join(dir, map), 'utf8'));
    for (const source of sources) {
      const target = normalize(join(dirname(map), source));
      if (!files.has(target)) missing.push(`${map} → ${target}`);
    }
  }
  if (maps.length === 0) console.log(`${pack.name}: no source maps`);
  else if (missing.length === 0)
    console.log(`${pack.name}: ${maps.length} source maps, every source shipped`);
  else {
    failures++;
    console.error(
      `${pack.name}: ${missing.length} source map target(s) not in the package, e.g. ${missing[0]}`,
    );
  }
  if (files.has('dist/.tsbuildinfo')) {
    failures++;
    console.error(`${pack.name}: ships dist/.tsbuildinfo (add "!dist/.tsbuildinfo" to "files")`);
  }
}
process.exitCode = failures ? 1 : 0;
