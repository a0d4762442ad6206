// Packs each workspace package, installs the tarballs into a scratch project outside the workspace (registry only,
// no workspace links), and runs the ESM and CommonJS smoke scripts there. Catches missing dependencies, wrong
// `exports` paths and files left out of `files` before a user does. Expects `tsc -b` to have built dist/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const packages = ['mime', 'validate', 'compose', 'ses', 'campaign'];
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pin = (name) => `${name}@${rootPkg.devDependencies[name].replace(/^[\^~]/, '')}`;

const scratch = mkdtempSync(join(tmpdir(), 'rawmail-smoke-'));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
try {
  const tarballs = packages.map((p) => {
    run('pnpm', ['pack', '--pack-destination', scratch], join(root, 'packages', p));
    const file = readdirSync(scratch).find((f) => f.startsWith(`rawmail-${p}-`) && f.endsWith('.tgz'));
    if (!file) throw new Error(`pnpm pack produced no tarball for ${p}`);
    return `./${file}`;
  });
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({ name: 'rawmail-smoke', private: true }, null, 2),
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...tarballs,
      pin('@aws-sdk/client-ses'),
      pin('@aws-sdk/client-sesv2'),
      pin('aws-ses-v2-local'),
      // The optional peer of @rawmail/campaign/bullmq.
      pin('bullmq'),
    ],
    scratch,
  );
  for (const f of ['smoke.mjs', 'smoke.cjs']) {
    copyFileSync(join(here, f), join(scratch, f));
    process.stdout.write(run(process.execPath, [f], scratch));
  }
  // The validator alone (with the wire layer it stands on) must install without any AWS SDK or nodemailer package.
  const lean = mkdtempSync(join(tmpdir(), 'rawmail-lean-'));
  try {
    writeFileSync(join(lean, 'package.json'), JSON.stringify({ name: 'rawmail-lean', private: true }));
    const tarball = (p) => join(scratch, tarballs[packages.indexOf(p)]);
    run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball('mime'), tarball('validate')],
      lean,
    );
    const installed = readdirSync(join(lean, 'node_modules'));
    const heavy = installed.filter((n) => n === '@aws-sdk' || n === 'nodemailer');
    if (heavy.length) throw new Error(`@rawmail/validate pulled in ${heavy.join(', ')}`);
    process.stdout.write(
      run(
        process.execPath,
        ['-e', "require('@rawmail/validate'); console.log('lean: @rawmail/validate installs alone')"],
        lean,
      ),
    );
    process.stdout.write(run(join(lean, 'node_modules/.bin/rawmail-validate'), ['--version'], lean));
  } finally {
    rmSync(lean, { recursive: true, force: true });
  }
  console.log('pack smoke: ok');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
