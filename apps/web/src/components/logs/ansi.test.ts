import { describe, expect, it } from 'vitest';
import { applySgr, cssColor, parseAnsi } from './ansi';

const ESC = '\x1b';

describe('parseAnsi', () => {
  it('returns plain text unchanged as one unstyled segment', () => {
    expect(parseAnsi('hello world')).toEqual({
      text: 'hello world',
      segments: [{ text: 'hello world', style: {} }],
    });
  });

  it('splits on SGR colours and resets', () => {
    const parsed = parseAnsi(`${ESC}[31merror${ESC}[0m: disk ${ESC}[1;32mok${ESC}[m`);
    expect(parsed.text).toBe('error: disk ok');
    expect(parsed.segments).toEqual([
      { text: 'error', style: { fg: { palette: 1 } } },
      { text: ': disk ', style: {} },
      { text: 'ok', style: { bold: true, fg: { palette: 2 } } },
    ]);
  });

  it('understands bright, 256-colour and truecolor codes', () => {
    expect(parseAnsi(`${ESC}[93mx`).segments[0]?.style).toEqual({ fg: { palette: 11 } });
    expect(parseAnsi(`${ESC}[38;5;208mx`).segments[0]?.style).toEqual({ fg: { palette: 208 } });
    expect(parseAnsi(`${ESC}[48;2;10;20;30mx`).segments[0]?.style).toEqual({ bg: { rgb: [10, 20, 30] } });
    expect(parseAnsi(`${ESC}[38:2:1:2:3mx`).segments[0]?.style).toEqual({ fg: { rgb: [1, 2, 3] } });
  });

  it('strips cursor movement, erase, OSC titles and hyperlinks, and other control characters', () => {
    const line = `${ESC}[2K${ESC}[1G${ESC}]0;title\x07${ESC}]8;;https://x.example\x1b\\link${ESC}]8;;\x1b\\ done\x07\x00${ESC}(B`;
    expect(parseAnsi(line).text).toBe('link done');
  });

  it('keeps what follows a carriage return, like a terminal overwriting a progress line', () => {
    expect(parseAnsi('progress 10%\rprogress 100%').text).toBe('progress 100%');
    expect(parseAnsi('line\r').text).toBe('line');
  });

  it('keeps tabs and leaves markup as literal text', () => {
    expect(parseAnsi('a\tb <script>alert(1)</script>').text).toBe('a\tb <script>alert(1)</script>');
  });

  it('merges adjacent segments of the same style', () => {
    expect(parseAnsi(`${ESC}[31ma${ESC}[31mb`).segments).toEqual([
      { text: 'ab', style: { fg: { palette: 1 } } },
    ]);
  });
});

describe('applySgr', () => {
  it('turns attributes off individually', () => {
    const on = applySgr({}, '1;3;4;7;9');
    expect(applySgr(on, '22;23;24;27;29')).toEqual({});
    expect(applySgr({ fg: { palette: 1 }, bg: { palette: 2 } }, '39;49')).toEqual({});
  });
});

describe('cssColor', () => {
  it('maps base colours to theme variables and computes the 256-colour cube and greys', () => {
    expect(cssColor({ palette: 1 })).toBe('var(--ansi-1)');
    expect(cssColor({ palette: 196 })).toBe('rgb(255, 0, 0)');
    expect(cssColor({ palette: 232 })).toBe('rgb(8, 8, 8)');
    expect(cssColor({ rgb: [1, 2, 3] })).toBe('rgb(1, 2, 3)');
  });
});
