import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crlf } from '../../helpers/fixtures.js';

/** Directory of the repair fixtures: one message per fixable row of the Repair table, named `<code>--<case>.eml`. */
export const REPAIR_FIXTURES = fileURLToPath(new URL('../../fixtures/repair/', import.meta.url));

export interface RepairFixture {
  name: string;
  /** The rule code the fixture is about (the file name up to `--`). */
  code: string;
  /** CRLF form. */
  raw: Buffer;
  /** The same message with bare LF line endings throughout (as a Unix tool writes it). */
  lf: Buffer;
}

export function repairFixtures(): RepairFixture[] {
  return readdirSync(REPAIR_FIXTURES)
    .filter((f) => f.endsWith('.eml') && !f.endsWith('.repaired.eml'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.eml'.length);
      const raw = crlf(readFileSync(`${REPAIR_FIXTURES}${f}`));
      return {
        name,
        code: name.split('--')[0] as string,
        raw,
        lf: Buffer.from(raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1'),
      };
    });
}
