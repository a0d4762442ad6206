import type { ComposeInput } from '@rawmail/compose';
import type { RenderFn } from '../../src/index.js';

/** A newsletter recipient of the tests. */
export interface Reader {
  address: string;
  name: string;
  token: string;
}

/** Personalised rendering with a one-click unsubscribe URL per recipient. */
export const renderNewsletter: RenderFn<{ issue: string }> = (r, data): ComposeInput => {
  const reader = r as unknown as Reader;
  return {
    from: 'News <news@example.com>',
    to: { name: reader.name, address: reader.address },
    subject: `${data.issue} for ${reader.name}`,
    text: `Hello ${reader.name}, here is ${data.issue}.`,
    list: {
      unsubscribe: `https://example.com/unsubscribe/${reader.token}`,
      unsubscribePost: true,
    },
  };
};

/** `n` readers with distinct addresses and tokens. */
export function readers(n: number, domain = 'example.org'): Reader[] {
  return Array.from({ length: n }, (_, i) => ({
    address: `reader${i}@${domain}`,
    name: `Reader ${i}`,
    token: `tok-${i.toString(36)}`,
  }));
}
