/**
 * `pnpm test:mutation [module ...]`: runs StrykerJS for each module (all when none is named) in turn and prints
 * the mutation score per module. Results are cached per module under node_modules/.cache/stryker/ (incremental).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modules } from './modules.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const names = process.argv.slice(2);
for (const n of names)
  if (!(n in modules)) {
    console.error(`unknown module '${n}'; one of: ${Object.keys(modules).join(', ')}`);
    process.exit(2);
  }

/**
 * The line ranges of a module's `file:from-to` entries, by file. Stryker's incremental report keeps the results of
 * mutants outside the ranges of a run (from earlier runs, with other ranges): only mutants inside count.
 */
function rangesByFile(name) {
  const byFile = new Map();
  for (const entry of modules[name].mutate) {
    const m = /^(.*):(\d+)-(\d+)$/.exec(entry);
    if (!m) continue;
    if (!byFile.has(m[1])) byFile.set(m[1], []);
    byFile.get(m[1]).push([Number(m[2]), Number(m[3])]);
  }
  return byFile;
}

/** Score as Stryker defines it: killed + timeout over all valid mutants (no coverage counts as survived). */
function score(name) {
  const report = JSON.parse(readFileSync(`${root}node_modules/.cache/stryker/${name}/mutation.json`, 'utf8'));
  const ranges = rangesByFile(name);
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  for (const [path, file] of Object.entries(report.files)) {
    const inFile = ranges.get(relative(root, resolve(root, path)));
    const inRange = (m) =>
      inFile === undefined ||
      inFile.some(([from, to]) => m.location.start.line >= from && m.location.end.line <= to);
    for (const m of file.mutants) if (m.status in count && inRange(m)) count[m.status]++;
  }
  const valid = count.Killed + count.Timeout + count.Survived + count.NoCoverage;
  return { ...count, score: valid === 0 ? 100 : (100 * (count.Killed + count.Timeout)) / valid };
}

/** A line range that no longer holds its module's anchor (the file was edited since): an error text, or undefined. */
function staleRange(name) {
  const { mutate, anchor } = modules[name];
  if (anchor === undefined) return undefined;
  for (const entry of mutate) {
    const m = /^(.*):(\d+)-(\d+)$/.exec(entry);
    if (!m) continue;
    const lines = readFileSync(`${root}${m[1]}`, 'utf8')
      .split('\n')
      .slice(Number(m[2]) - 1, Number(m[3]));
    if (!lines.some((line) => anchor.test(line)))
      return `${entry} no longer matches ${anchor}: update its line range in scripts/mutation/modules.mjs`;
  }
  return undefined;
}

const rows = [];
let failed = false;
for (const name of names.length > 0 ? names : Object.keys(modules)) {
  console.log(`\n=== mutation testing: ${name}`);
  const stale = staleRange(name);
  if (stale !== undefined) {
    console.error(stale);
    failed = true;
    rows.push(`${name.padEnd(20)} not run: ${stale}`);
    continue;
  }
  const stryker = `${root}node_modules/.bin/stryker`;
  const r = spawnSync(stryker, ['run', 'stryker.config.mjs'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MUTATION_MODULE: name },
  });
  if (r.status !== 0) {
    failed = true;
    rows.push(`${name.padEnd(20)} stryker failed (exit ${r.status})`);
    continue;
  }
  const s = score(name);
  rows.push(
    `${name.padEnd(20)} ${s.score.toFixed(1).padStart(5)}%  killed ${s.Killed}, timeout ${s.Timeout}, survived ${s.Survived}, no coverage ${s.NoCoverage}`,
  );
}
console.log(`\nmutation score per module\n${rows.join('\n')}`);
process.exit(failed ? 1 : 0);
