import { type ComposeInput, type ComposeOptions, compose } from '../../src/index.js';

/** What `compose` throws for `input`; the test fails when it composes instead. */
export async function composeError(input: ComposeInput, options?: ComposeOptions): Promise<unknown> {
  try {
    await compose(input, options);
  } catch (err) {
    return err;
  }
  throw new Error('expected compose to throw');
}
