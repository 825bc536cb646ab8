import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Messages = Record<string, { message: string }>;
const fr = JSON.parse(readFileSync(join(process.cwd(), 'public/_locales/fr/messages.json'), 'utf8')) as Messages;

/** The team server's pages: written with French typography from the start. */
const PREFIXES = ['setup_', 'server_', 'claim_', 'passkey_'];

describe('French text of the team server pages', () => {
  const keys = Object.keys(fr).filter((key) => PREFIXES.some((prefix) => key.startsWith(prefix)));

  it('exists', () => {
    expect(keys.length).toBeGreaterThan(30);
  });

  it('puts a no-break space, never a plain one or none, before : ; ? !', () => {
    // URLs (https://) are not punctuation.
    const wrong = keys.filter((key) =>
      /(^|[^\u00a0\u202f/])[:;?!](?!\/\/)/.test(fr[key]!.message.replace(/https?:\/\/\S+/g, '')),
    );
    expect(wrong).toEqual([]);
  });
});
