import type { ValidateOptions, ValidationReport } from '../types.js';

/**
 * Options of `repair`: those of `validate` (the profile, and the SES parameters the repaired message is checked
 * with) plus what the repair may do.
 */
export interface RepairOptions extends ValidateOptions {
  /**
   * Allow fixes that invalidate a `DKIM-Signature` of the message (a changed body, or a change to a header the
   * signature lists in `h=`). Default false: such fixes are not made (they are listed in `skipped`) and the
   * signature stays valid. When true, the fixes are made and every signature they invalidate is removed (a
   * broken signature is worse than none); each such fix says so in its message.
   */
  breakDkim?: boolean;
}

/** One change the repair made. */
export interface RepairFix {
  /** The rule code (from the catalogue) of the problem this change fixed, e.g. `header.non-ascii`. */
  code: string;
  /** What was changed and how, naming the header or part; says what was assumed when the input was ambiguous. */
  message: string;
  /** 1-based line in the input where the changed text started. */
  line?: number;
  /** Header field name involved, as written in the input. */
  header?: string;
  /** MIME part path such as `1.2` (absent for the top-level header section). */
  part?: string;
}

/** The result of `repair`. */
export interface RepairResult {
  /** The repaired message; the input bytes themselves (same contents) when nothing was changed. */
  raw: Uint8Array;
  /** True when `raw` differs from the input. */
  changed: boolean;
  /** One entry per change, in message order. */
  fixes: RepairFix[];
  /**
   * Fixes that were possible but not made because they would invalidate a `DKIM-Signature` (see
   * `RepairOptions.breakDkim`); the problems they would have fixed are still in `report`.
   */
  skipped: RepairFix[];
  /** `validate`'s report of `raw`: whatever could not be fixed is still there. */
  report: ValidationReport;
  /**
   * Addresses taken out of a removed `Bcc` header: they are no longer in the message, so they must go into the
   * envelope (SES `Destinations`) or they receive nothing.
   */
  destinations: string[];
}
