/** The validator as an oracle: a composed message must draw no error under the `ses-v1` profile. */
import { type ValidationReport, validate } from '@rawmail/validate';
import { expect } from 'vitest';

/** Validates `raw` under ses-v1 (with the envelope recipients as destinations) and expects no error. */
export async function expectSesValid(raw: Uint8Array, destinations?: string[]): Promise<ValidationReport> {
  const report = await validate(
    raw,
    destinations ? { profile: 'ses-v1', destinations } : { profile: 'ses-v1' },
  );
  expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return report;
}
