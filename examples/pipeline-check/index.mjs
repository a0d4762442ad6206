// A pipeline step: check a folder of .eml files with `rawmail-validate --format json`, then show the same run as
// GitHub annotations (`--format github`, what validate-mail.yml uses). Two of the three files are broken on purpose,
// so the CLI exits 1; this example succeeds when exactly those two are caught.
//   pnpm example pipeline-check
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
for (const { file, report } of result.files) {
  const codes = report.issues.map((i) => i.code).join(', ') || 'no issues';
  console.log(`  ${report.ok ? 'pass' : 'FAIL'}  ${file}  (${codes})`);
}

const github = rawmailValidate('--profile', 'ses-v1', '--format', 'github', 'mail');
console.log(`\nrawmail-validate --format github mail/ → exit ${github.status}`);
process.stdout.write(github.stdout.replace(/^/gm, '  '));

const failing = result.files.filter((f) => !f.report.ok).map((f) => f.file.replace(/^mail\//, ''));
const expected = ['broken-template.eml', 'invoice-attachment.eml'];
if (json.status !== 1 || github.status !== 1 || failing.sort().join() !== expected.join()) {
  console.error(
    `expected exit 1 and failures in ${expected.join(', ')}; got exit ${json.status}, ${failing.join(', ')}`,
  );
  process.exitCode = 1;
}
