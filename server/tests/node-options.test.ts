import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingNodeOptions, SERVER_NODE_OPTIONS } from '../node-options.ts';

const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('the Node options of a server process', () => {
  it('are the ones `npm run server` and `npm run server:dev` start it with, on the file built from server/main.ts', () => {
    for (const name of ['server', 'server:dev']) {
      const [build, run] = scripts[name]!.split(' && ');
      expect(build, name).toBe('node scripts/build-server.mjs');
      const words = run!.split(/\s+/);
      expect(words.slice(0, words.indexOf('node')), name).toContain('exec');
      expect(words.slice(words.indexOf('node') + 1, -1), name).toEqual([...SERVER_NODE_OPTIONS]);
      expect(words.at(-1)).toBe('.output/server/main.mjs');
    }
  });

  it('are named when a process was started without them, from its arguments or NODE_OPTIONS', () => {
    expect(missingNodeOptions([...SERVER_NODE_OPTIONS])).toEqual([]);
    expect(missingNodeOptions([], SERVER_NODE_OPTIONS.join(' '))).toEqual([]);
    expect(missingNodeOptions(['--experimental-async-context-frame'])).toEqual(['--max-semi-space-size=8']);
    expect(missingNodeOptions([])).toEqual([...SERVER_NODE_OPTIONS]);
  });
});
