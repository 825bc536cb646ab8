// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const DOCS = [
  'README.md',
  'server/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('the README a newcomer reads in five minutes', () => {
  it('is at most 10,000 characters', () => {
    expect(read('README.md').length).toBeLessThanOrEqual(10_000);
  });

  it('has the two commands near the top', () => {
    const readme = read('README.md');
    expect(readme.indexOf('npm start')).toBeGreaterThan(0);
    expect(readme.indexOf('npm start')).toBeLessThan(2_500);
    expect(readme.indexOf('npm test')).toBeLessThan(2_500);
  });

  it('names every file its add-a-command recipe touches, and each exists', () => {
    const recipe = read('README.md').split('## Adding a command')[1]!.split('\n## ')[0]!;
    const files = [...recipe.matchAll(/`((?:lib|components|tests|server)\/[^`]+\.tsx?)`/g)].map((m) => m[1]!);
    expect(files).toEqual(
      expect.arrayContaining([
        'lib/features/members/commands.ts',
        'lib/features/members/rules.ts',
        'lib/features/registry.ts',
        'components/members/RemoveMemberDialog.tsx',
        'tests/contract/contract.ts',
      ]),
    );
    for (const file of files) expect(existsSync(join(ROOT, file)), file).toBe(true);
  });
});

describe('the documentation', () => {
  it.each(DOCS)('%s: every relative link leads to a file of the repository', (file) => {
    const links = [...read(file).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1]!)
      .filter((href) => !/^[a-z]+:/.test(href));
    for (const href of links) expect(existsSync(resolve(ROOT, dirname(file), href)), `${file} → ${href}`).toBe(true);
  });

  it.each(DOCS)('%s points to nothing a clone does not have', (file) => {
    expect(read(file)).not.toMatch(/\/work\//);
  });

  it('the server’s environment is described in one table', () => {
    const tables = DOCS.filter((file) => /\|\s*`DATABASE_URL`\s*\|/.test(read(file)));
    expect(tables).toEqual(['docs/server.md']);
  });
});
