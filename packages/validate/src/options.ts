import { z } from 'zod';
import { ValidateOptionsError } from './errors.js';
import { customProfileSchema, type Profile, profiles, resolveCustomProfile } from './profiles.js';
import { rulesByCode } from './rules/catalog.js';
import type { MessageTag, ValidateOptions } from './types.js';

const optionsSchema = z
  .object({
    profile: z.union([z.enum(['ses-v1', 'ses-v2', 'rfc5322']), customProfileSchema]).optional(),
    source: z.string().optional(),
    destinations: z.array(z.string()).optional(),
    // Tag and configuration set *content* is checked by rules (ses.tag-invalid...), so only shapes here.
    tags: z.array(z.object({ name: z.string(), value: z.string() }).strict()).optional(),
    configurationSetName: z.string().optional(),
  })
  .strict();

/** Options after checking, with the profile resolved. */
export interface ResolvedOptions {
  profile: Profile;
  source: string | undefined;
  destinations: string[] | undefined;
  tags: MessageTag[] | undefined;
  configurationSetName: string | undefined;
}

/** Checks `validate` options with zod; throws `ValidateOptionsError` naming each bad option. */
const DEFAULTS: ResolvedOptions = Object.freeze({
  profile: profiles['ses-v1'],
  source: undefined,
  destinations: undefined,
  tags: undefined,
  configurationSetName: undefined,
});

export function resolveOptions(options: ValidateOptions | undefined): ResolvedOptions {
  if (options === undefined) return DEFAULTS;
  const profileName = (options as { profile?: unknown } | undefined)?.profile;
  if (typeof profileName === 'string' && !['ses-v1', 'ses-v2', 'rfc5322'].includes(profileName)) {
    const message = `unknown profile '${profileName}'; use 'ses-v1', 'ses-v2', 'rfc5322' or a custom profile object`;
    throw new ValidateOptionsError(
      'validate.options-invalid',
      `Invalid validate() options: profile: ${message}`,
      [{ path: 'profile', message }],
    );
  }
  const parsed = optionsSchema.safeParse(options ?? {});
  if (!parsed.success) {
    // zod reports a custom profile that fails its schema as a bare "Invalid input" of the string|object union;
    // the object's own issues say what to fix.
    const issues = parsed.error.issues.flatMap((issue) => {
      if (issue.code !== 'invalid_union' || issue.path.join('.') !== 'profile') return [issue];
      const inner = customProfileSchema.safeParse(profileName);
      if (inner.success || typeof profileName !== 'object') return [issue];
      return inner.error.issues.map((i) => ({ ...i, path: ['profile', ...i.path] }));
    });
    const problems = issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(options)',
      message: issue.message,
    }));
    const detail = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw new ValidateOptionsError(
      'validate.options-invalid',
      `Invalid validate() options: ${detail}`,
      problems,
    );
  }
  const o = parsed.data;
  if (o.profile !== undefined && typeof o.profile !== 'string') {
    const unknown = Object.keys(o.profile.rules ?? {}).filter((code) => !rulesByCode.has(code));
    if (unknown.length > 0) {
      const problems = unknown.map((code) => ({
        path: `profile.rules.${code}`,
        message: `unknown rule code '${code}' (see docs/rules.md for the codes)`,
      }));
      throw new ValidateOptionsError(
        'validate.options-invalid',
        `Invalid validate() options: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        problems,
      );
    }
  }
  const profile =
    o.profile === undefined
      ? profiles['ses-v1']
      : typeof o.profile === 'string'
        ? profiles[o.profile]
        : resolveCustomProfile(o.profile);
  return {
    profile,
    source: o.source,
    destinations: o.destinations,
    tags: o.tags,
    configurationSetName: o.configurationSetName,
  };
}
