// Writes docs/rules.md from the rule metadata of the built package (run `tsc -b` first; the package script does).
import { writeFileSync } from 'node:fs';
import { renderRulesMarkdown } from '../dist/rules/markdown.js';

const target = new URL('../../../docs/rules.md', import.meta.url);
writeFileSync(target, renderRulesMarkdown());
console.log(`wrote ${target.pathname}`);
