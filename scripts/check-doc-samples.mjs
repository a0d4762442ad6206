// Every JavaScript/TypeScript code sample in the docs must run. Each ```js / ```ts block in docs/*.md, the README,
// the examples README and the package READMEs is transpiled (TypeScript → ESM) and executed with Node against an
// embedded local SES endpoint; AWS_ENDPOINT_URL points every SDK client there, so a sample written for real SES
// runs unchanged. A block that is an excerpt of an example says so with `<!-- doc-sample: examples/<name>/… -->`
// right above it; then each of its lines must appear in that file (CI runs the examples).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import sesLocal from 'aws-ses-v2-local';
import ts from 'typescript';

const root = fileURLToPath(new URL('../', import.meta.url));
const mdFiles = [
  'README.md',
  'examples/README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  ...readdirSync(join(root, 'packages')).map((p) => `packages/${p}/README.md`),
].filter((f) => existsSync(join(root, f)));

/** Fenced blocks with their language, first line number and the marker comment right above, if any. */
function blocksOf(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    const marker =
      /<!--\s*doc-sample:\s*(\S+)\s*-->/.exec(lines[i - 1] ?? '') ??
      /<!--\s*doc-sample:\s*(\S+)\s*-->/.exec(lines[i - 2] ?? '');
    blocks.push({
      lang: open[1],
      line: i + 1,
      code: lines.slice(i + 1, end).join('\n'),
      excerptOf: marker?.[1],
    });
    i = end;
  }
  return blocks;
}

/** Runs a sample with Node; resolves with its exit status and output. */
function run(file, options) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (error) => resolve({ status: null, error, stdout, stderr }));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

const start = sesLocal.default ?? sesLocal;
const server = await start({ host: '127.0.0.1', port: 0 });
const endpoint = `http://127.0.0.1:${server.address().port}`;
const workDir = join(root, '.doc-samples');
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir);

let ran = 0;
let excerpts = 0;
const failures = [];
try {
  for (const file of mdFiles) {
    for (const block of blocksOf(readFileSync(join(root, file), 'utf8'))) {
      if (!['js', 'mjs', 'javascript', 'ts', 'typescript'].includes(block.lang)) continue;
      const where = `${file}:${block.line}`;
      if (block.excerptOf) {
        const source = existsSync(join(root, block.excerptOf))
          ? readFileSync(join(root, block.excerptOf), 'utf8')
          : '';
        const sourceLines = new Set(source.split('\n').map((l) => l.trim()));
        const missing = block.code
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== '' && !sourceLines.has(l));
        if (!source) failures.push(`${where}: excerpt of missing file ${block.excerptOf}`);
        else if (missing.length) failures.push(`${where}: not in ${block.excerptOf}: ${missing[0]}`);
        excerpts++;
        continue;
      }
      const js = ts.transpileModule(block.code, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      const name = `${relative(root, join(root, file)).replace(/[/.]/g, '_')}_${block.line}.mjs`;
      writeFileSync(join(workDir, name), js);
      // Asynchronous on purpose: the SES endpoint lives in this process and must keep answering.
      const r = await run(name, {
        cwd: workDir,
        timeout: 60_000,
        env: {
          ...process.env,
          AWS_ENDPOINT_URL: endpoint,
          RAWMAIL_SES_ENDPOINT: endpoint,
          AWS_ACCESS_KEY_ID: 'AKIDDOCSAMPLE',
          AWS_SECRET_ACCESS_KEY: 'doc-sample',
          AWS_REGION: 'eu-west-1',
        },
      });
      ran++;
      if (r.status !== 0) {
        const why = (r.stderr || r.stdout || String(r.error ?? r.signal))
          .trim()
          .split('\n')
          .slice(0, 20)
          .join('\n    ');
        failures.push(`${where}: exited ${r.status ?? r.signal}\n    ${why}`);
      }
    }
  }
} finally {
  server.close();
  rmSync(workDir, { recursive: true, force: true });
}
console.log(
  `doc samples: ${ran} executed, ${excerpts} excerpts checked against examples/, ${failures.length} failed`,
);
for (const f of failures) console.error(`  ✖ ${f}`);
process.exitCode = failures.length ? 1 : 0;
