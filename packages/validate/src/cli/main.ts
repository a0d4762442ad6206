#!/usr/bin/env node
import { escapeControls } from '@rawmail/mime';
import { runCli } from './run-cli.js';

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      // Lines of the stack stay lines; anything else that is a control character is escaped.
      `rawmail-validate: internal error: ${(error instanceof Error ? (error.stack ?? error.message) : String(error)).split('\n').map(escapeControls).join('\n')}\n`,
    );
    process.exitCode = 2;
  },
);
