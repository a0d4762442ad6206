/** Vitest setupFile: every fast-check property and sample in the run uses the run's seed (see fast-check-seed.ts). */
import fc from 'fast-check';
import { inject } from 'vitest';
import './fast-check-seed.js';

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: inject('fcSeed') });
