/**
 * `pnpm test:mutation [module ...]`: runs StrykerJS for each module (all when none is named) in turn and prints
 * the mutation score per module (and per file, for a module of several files). Results are cached per module under
 * node_modules/.cache/stryker/ (incremental).
 *
 * `MUTATION_FILES=<file>,<file> pnpm test:mutation <module>` mutates only those of the module's files in this run
 * (see modules.mjs); the results of its other files are kept from earlier runs. Stryker's report alone cannot say
 * whether a file's results are current (it keeps the old results of a file left out of a run, under the file's
 * new source, without the mutants of changed code), so each run records in `measured.json` (next to the report)
 * a hash of every file it mutated. The module's score covers only files mutated in some run on their current
 * source; when any file lacks that, the score is printed as PARTIAL with the files it covers and those it lacks.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modules, mutateScope } from './modules.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const names = process.argv.slice(2);
for (const n of names)
  if (!(n in modules)) {
    console.error(`unknown module '${n}'; one of: ${Object.keys(modules).join(', ')}`);
    process.exit(2);
  }
if (process.env.MUTATION_FILES && names.length !== 1) {
  console.error('MUTATION_FILES names files of one module: name that module alone');
  process.exit(2);
}

const cacheOf = (name) => `${root}node_modules/.cache/stryker/${name}`;
const hashOf = (path) =>
  createHash('sha256')
    .update(readFileSync(`${root}${path}`))
    .digest('hex');
/** The file of a `mutate` entry (without its line range). */
const fileOf = (entry) => entry.replace(/:\d+-\d+$/, '');

/** Hashes of the files each module's runs mutated, as they were when mutated (file → sha256). */
function measured(name) {
  const path = `${cacheOf(name)}/measured.json`;
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
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

/** Killed + timeout over all valid mutants, as Stryker defines the score (no coverage counts as survived). */
function tally(mutants) {
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  for (const m of mutants) if (m.status in count) count[m.status]++;
  const valid = count.Killed + count.Timeout + count.Survived + count.NoCoverage;
  return { ...count, valid, score: valid === 0 ? 100 : (100 * (count.Killed + count.Timeout)) / valid };
}

/**
 * The module's score over the files some run mutated in their current form (`measured.json`), the same per file,
 * and the module's other files (`missing`).
 */
function score(name) {
  const report = JSON.parse(readFileSync(`${cacheOf(name)}/mutation.json`, 'utf8'));
  const ranges = rangesByFile(name);
  const reported = new Map(
    Object.entries(report.files).map(([path, file]) => [relative(root, resolve(root, path)), file]),
  );
  const hashes = measured(name);
  const perFile = [];
  const missing = [];
  for (const path of new Set(modules[name].mutate.map(fileOf))) {
    if (hashes[path] !== hashOf(path)) {
      missing.push(`${path} (${hashes[path] === undefined ? 'no results' : 'changed since it was mutated'})`);
      continue;
    }
    const inFile = ranges.get(path);
    // A file without mutants (constants only) is not in the report.
    const mutants = (reported.get(path)?.mutants ?? []).filter(
      (m) =>
        inFile === undefined ||
        inFile.some(([from, to]) => m.location.start.line >= from && m.location.end.line <= to),
    );
    perFile.push({ path, mutants, ...tally(mutants) });
  }
  const total = tally(perFile.flatMap((f) => f.mutants));
  return { ...total, perFile, missing };
}

const line = (label, s) =>
  `${label.padEnd(20)} ${s.score.toFixed(1).padStart(5)}%  ${String(s.valid).padStart(4)} mutants: killed ${s.Killed}, timeout ${s.Timeout}, survived ${s.Survived}, no coverage ${s.NoCoverage}`;

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
  let scope;
  try {
    scope = [...new Set(mutateScope(name).map(fileOf))];
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  const before = new Map(scope.map((path) => [path, hashOf(path)]));
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
  // Recorded only for files not edited while Stryker ran (it mutated the text it read at its start).
  const hashes = measured(name);
  for (const [path, hash] of before)
    if (hashOf(path) === hash) hashes[path] = hash;
    else delete hashes[path];
  writeFileSync(`${cacheOf(name)}/measured.json`, `${JSON.stringify(hashes, null, 2)}\n`);
  const s = score(name);
  if (s.missing.length === 0) rows.push(line(name, s));
  else
    rows.push(
      `${line(name, s)}\n${''.padEnd(21)}PARTIAL: only ${s.perFile.length} of ${s.perFile.length + s.missing.length} files; without current results:\n${s.missing.map((f) => `${''.padEnd(23)}${f}`).join('\n')}`,
    );
  if (s.perFile.length > 1) for (const f of s.perFile) rows.push(line(`  ${f.path.replace(/^.*\//, '')}`, f));
}
console.log(`\nmutation score per module\n${rows.join('\n')}`);
process.exit(failed ? 1 : 0);
