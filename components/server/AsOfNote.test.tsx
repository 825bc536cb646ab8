import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { AsOfNote } from './AsOfNote.tsx';

afterEach(cleanup);

describe('"as of" over the replica', () => {
  it('says the server cannot be reached and when what is shown is from, as a status', () => {
    const at = Date.UTC(2026, 10, 30, 14, 5);
    render(<AsOfNote at={at} />);
    const note = screen.getByRole('status');
    expect(note.textContent).toMatch(
      /^The team server cannot be reached: this is the org as of .*2026.*\. Changes wait until the server is back\.$/,
    );
  });
});
