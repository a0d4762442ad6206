import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type RuleInfo, rules } from '../rules/catalog.js';
import type { ValidationIssue } from '../types.js';
import { type FileResult, type Summary, tooManyWarningsText } from './format.js';

/** Where the rule reference lives; each rule has an anchor there. */
export const RULES_DOC_URL = 'https://github.com/rawmail/rawmail/blob/main/docs/rules.md';

/** The URI base id of paths relative to the working directory (GitHub code scanning resolves it to the checkout). */
const SRCROOT = '%SRCROOT%';

/** GitHub's anchor for a `### \`code\`` heading: lower case, punctuation other than `-` dropped. */
const anchor = (code: string) => code.toLowerCase().replace(/[^a-z0-9 -]/g, '');

function ruleDescriptor(r: RuleInfo) {
  const markdown = [
    r.description,
    '',
    ...(r.sesText ? [`SES error it prevents: \`${r.sesText}\``, ''] : []),
    `Example: \`${r.example.replace(/`/g, "'")}\``,
    '',
    `Fix: ${r.hint}`,
  ].join('\n');
  return {
    id: r.code,
    name: r.title,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: `${r.description} Fix: ${r.hint}`, markdown },
    helpUri: `${RULES_DOC_URL}#${anchor(r.code)}`,
    defaultConfiguration: { level: r.severity },
    properties: { tags: ['email', 'ses', r.family], sesOnly: r.sesOnly },
  };
}

/** A SARIF artifact location: relative to the working directory when inside it, else a `file:` URL. */
function artifactLocation(result: FileResult, cwd: string): { uri: string; uriBaseId?: string } {
  if (result.path === undefined) return { uri: encodeURI(result.file) }; // standard input ('-') or a glob
  const rel = relative(cwd, result.path);
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel))
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  return { uri: pathToFileURL(result.path).href };
}

function sarifResult(
  issue: ValidationIssue,
  location: { uri: string; uriBaseId?: string },
  ruleIndex: number,
) {
  const text = issue.hint ? `${issue.message} Hint: ${issue.hint}` : issue.message;
  const properties: Record<string, string> = {};
  if (issue.header !== undefined) properties.header = issue.header;
  if (issue.part !== undefined) properties.part = issue.part;
  return {
    ruleId: issue.code,
    ruleIndex,
    level: issue.severity,
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: location,
          // Message-level issues (size, recipient count, SES options) have no line: they point at line 1.
          region: { startLine: issue.line ?? 1 },
        },
      },
    ],
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
}

/**
 * SARIF 2.1.0 log for GitHub code scanning (and any SARIF viewer): the rule catalogue as
 * `tool.driver.rules`, one result per issue with file and line, and the inputs that could not be read
 * (and `--max-warnings` exceeded) as tool execution notifications.
 */
export function formatSarif(
  results: readonly FileResult[],
  summary: Summary,
  opts: { version: string; cwd: string; quiet: boolean },
): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.code as string, i]));
  const sarifResults: ReturnType<typeof sarifResult>[] = [];
  const notifications: object[] = [];
  for (const r of results) {
    const location = artifactLocation(r, opts.cwd);
    if ('error' in r) {
      notifications.push({
        level: 'error',
        message: { text: r.error.message },
        descriptor: { id: r.error.code },
        locations: [{ physicalLocation: { artifactLocation: location } }],
        ...(r.error.errno ? { properties: { errno: r.error.errno } } : {}),
      });
      continue;
    }
    for (const issue of r.report.issues)
      if (!opts.quiet || issue.severity === 'error')
        sarifResults.push(sarifResult(issue, location, ruleIndex.get(issue.code) ?? 0));
  }
  if (summary.tooManyWarnings)
    notifications.push({
      level: 'error',
      message: { text: tooManyWarningsText(summary) },
      descriptor: { id: 'max-warnings' },
    });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rawmail-validate',
            semanticVersion: opts.version,
            version: opts.version,
            informationUri: RULES_DOC_URL,
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: {
          [SRCROOT]: { uri: pathToFileURL(opts.cwd.endsWith(sep) ? opts.cwd : `${opts.cwd}${sep}`).href },
        },
        invocations: [
          {
            executionSuccessful: summary.ioErrors === 0,
            toolExecutionNotifications: notifications,
          },
        ],
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
