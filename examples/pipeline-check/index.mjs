// A pipeline step: check a folder of .eml files with `rawmail-validate --format json`, then show the same run as
// GitHub annotations (`--format github`) and as a SARIF log for GitHub code scanning (`--format sarif
// --output-file`, what validate-mail.yml uploads). Two of the three files are broken on purpose, so the CLI exits
// 1; this example succeeds when exactly those two are caught.
//   pnpm example pipeline-check
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// The CLI as installed: the `bin` of @rawmail/validate (what `npx rawmail-validate` runs).
const pkgJson = createRequire(import.meta.url).resolve('@rawmail/validate/package.json');
const cli = join(dirname(pkgJson), JSON.parse(readFileSync(pkgJson, 'utf8')).bin['rawmail-validate']);
const rawmailValidate = (...args) =>
  spawnSync(process.execPath, [cli, ...args], { cwd: here, encoding: 'utf8', timeout: 60_000 });

const json = rawmailValidate('--profile', 'ses-v1', '--format', 'json', 'mail');
const result = JSON.parse(json.stdout);
console.log(`rawmail-validate --format json mail/ → exit ${json.status}`);
for (const { file, report, error } of result.files) {
  if (error) {
    console.log(`  UNREADABLE  ${file}  (${error.code}: ${error.message})`);
    continue;
  }
  const codes = report.issues.map((i) => i.code).join(', ') || 'no issues';
  console.log(`  ${report.ok ? 'pass' : 'FAIL'}  ${file}  (${codes})`);
}

const github = rawmailValidate('--profile', 'ses-v1', '--format', 'github', 'mail');
console.log(`\nrawmail-validate --format github mail/ → exit ${github.status}`);
process.stdout.write(github.stdout.replace(/^/gm, '  '));

const sarifFile = join(mkdtempSync(join(tmpdir(), 'rawmail-sarif-')), 'rawmail.sarif');
const sarif = rawmailValidate('--profile', 'ses-v1', '--format', 'sarif', '--output-file', sarifFile, 'mail');
const log = JSON.parse(readFileSync(sarifFile, 'utf8'));
console.log(`\nrawmail-validate --format sarif --output-file rawmail.sarif mail/ → exit ${sarif.status}`);
for (const r of log.runs[0].results) {
  const { artifactLocation, region } = r.locations[0].physicalLocation;
  console.log(`  ${r.level} ${r.ruleId} ${artifactLocation.uri}:${region.startLine}`);
}

const failing = result.files.filter((f) => f.report?.ok === false).map((f) => f.file.replace(/^mail\//, ''));
const inSarif = [
  ...new Set(
    log.runs[0].results
      .filter((r) => r.level === 'error')
      .map((r) => r.locations[0].physicalLocation.artifactLocation.uri.replace(/^mail\//, '')),
  ),
];
const expected = ['broken-template.eml', 'invoice-attachment.eml'];
if (
  json.status !== 1 ||
  github.status !== 1 ||
  sarif.status !== 1 ||
  sarif.stdout !== '' ||
  failing.sort().join() !== expected.join() ||
  inSarif.sort().join() !== expected.join()
) {
  console.error(
    `expected exit 1 and failures in ${expected.join(', ')}; got exit ${json.status}/${sarif.status}, ${failing.join(', ')} / ${inSarif.join(', ')}`,
  );
  process.exitCode = 1;
}
