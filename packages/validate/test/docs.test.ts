import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { rules } from '../src/index.js';
import { renderRulesMarkdown } from '../src/rules/markdown.js';

const doc = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');

test('docs/rules.md is generated from the rule metadata and up to date', () => {
  expect(doc('rules.md'), 'run `pnpm --filter @rawmail/validate docs:rules` and commit docs/rules.md').toBe(
    renderRulesMarkdown(),
  );
});

test('every rule code appears in docs/rules.md', () => {
  const text = doc('rules.md');
  for (const r of rules) expect(text).toContain(`\`${r.code}\``);
});

test('docs/cli.md documents every flag of --help', async () => {
  const { HELP } = await import('../src/cli/args.js');
  const text = doc('cli.md');
  for (const flag of HELP.match(/--[a-z-]+/g) ?? []) expect(text, flag).toContain(flag);
});
