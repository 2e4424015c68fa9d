/** A terminal colour: one of the 256 palette entries, or 24-bit RGB. */
export type AnsiColor = { palette: number } | { rgb: [number, number, number] };

export type AnsiStyle = {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
};

export type AnsiSegment = { text: string; style: AnsiStyle };

export type ParsedAnsi = { text: string; segments: AnsiSegment[] };

/**
 * Escape sequences: CSI (ESC [ … final, or the 8-bit CSI), OSC (ESC ] … BEL/ST), DCS/SOS/PM/APC
 * strings, and two-character ESC sequences. Only CSI `m` (SGR) changes anything; the rest is dropped.
 */
// biome-ignore-start lint/suspicious/noControlCharactersInRegex: matching terminal control sequences is the point
const ESCAPE =
  /(?:\x1b\[|\x9b)([0-?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[ -/]*[0-~]?/g;
// Other C0/C1 controls are stripped (tab and CR are handled).
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]/g;
// biome-ignore-end lint/suspicious/noControlCharactersInRegex: see above

/**
 * Splits a log line into styled segments by its SGR codes (colours, bold, dim, italic,
 * underline, inverse, strike) and drops every other escape and control character. A
 * carriage return keeps what follows it, as a terminal would overwrite the line.
 * The output is plain text: callers render it as text nodes, never as HTML.
 */
export function parseAnsi(input: string): ParsedAnsi {
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  const push = (raw: string) => {
    const carriage = raw.lastIndexOf('\r');
    if (carriage >= 0) segments.length = 0;
    const text = raw.slice(carriage + 1).replace(CONTROL, '');
    if (!text) return;
    const previous = segments[segments.length - 1];
    if (previous && sameStyle(previous.style, style)) previous.text += text;
    else segments.push({ text, style });
  };
  const line = input.replace(/[\r\n]+$/, '');
  for (const match of line.matchAll(ESCAPE)) {
    push(line.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[2] === 'm') style = applySgr(style, match[1] ?? '');
  }
  push(line.slice(last));
  return { text: segments.map((segment) => segment.text).join(''), segments };
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Applies one SGR parameter list (`1;31`, `38;5;208`, `38;2;255;0;0`, `` = reset). */
export function applySgr(current: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((part) => (part === '' ? 0 : Number(part)));
  let style: AnsiStyle = { ...current };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] ?? 0;
    if (code === 38 || code === 48) {
      const [color, used] = extendedColor(codes, i + 1);
      if (color) style = code === 38 ? { ...style, fg: color } : { ...style, bg: color };
      i += used;
      continue;
    }
    style = applyCode(style, code);
  }
  return style;
}

function applyCode(style: AnsiStyle, code: number): AnsiStyle {
  if (code === 0) return {};
  if (code >= 30 && code <= 37) return { ...style, fg: { palette: code - 30 } };
  if (code >= 90 && code <= 97) return { ...style, fg: { palette: code - 90 + 8 } };
  if (code >= 40 && code <= 47) return { ...style, bg: { palette: code - 40 } };
  if (code >= 100 && code <= 107) return { ...style, bg: { palette: code - 100 + 8 } };
  const next = { ...style };
  switch (code) {
    case 1:
      next.bold = true;
      break;
    case 2:
      next.dim = true;
      break;
    case 3:
      next.italic = true;
      break;
    case 4:
      next.underline = true;
      break;
    case 7:
      next.inverse = true;
      break;
    case 9:
      next.strike = true;
      break;
    case 21:
    case 22:
      delete next.bold;
      delete next.dim;
      break;
    case 23:
      delete next.italic;
      break;
    case 24:
      delete next.underline;
      break;
    case 27:
      delete next.inverse;
      break;
    case 29:
      delete next.strike;
      break;
    case 39:
      delete next.fg;
      break;
    case 49:
      delete next.bg;
      break;
  }
  return next;
}

/** `5;n` (palette) or `2;r;g;b` after a 38/48; returns the colour and how many codes it used. */
function extendedColor(codes: number[], at: number): [AnsiColor | undefined, number] {
  const mode = codes[at];
  if (mode === 5) {
    const index = codes[at + 1];
    return [index !== undefined && index >= 0 && index <= 255 ? { palette: index } : undefined, 2];
  }
  if (mode === 2) {
    const [r, g, b] = [codes[at + 1], codes[at + 2], codes[at + 3]];
    const valid = [r, g, b].every((value) => value !== undefined && value >= 0 && value <= 255);
    return [valid ? { rgb: [r ?? 0, g ?? 0, b ?? 0] } : undefined, 4];
  }
  return [undefined, 0];
}

const CUBE = [0, 95, 135, 175, 215, 255];

/** CSS colour of an ANSI colour: the 16 base colours follow the theme (CSS variables). */
export function cssColor(color: AnsiColor): string {
  if ('rgb' in color) return `rgb(${color.rgb[0]}, ${color.rgb[1]}, ${color.rgb[2]})`;
  const index = color.palette;
  if (index < 16) return `var(--ansi-${index})`;
  if (index < 232) {
    const n = index - 16;
    return `rgb(${CUBE[Math.floor(n / 36)]}, ${CUBE[Math.floor(n / 6) % 6]}, ${CUBE[n % 6]})`;
  }
  const grey = 8 + (index - 232) * 10;
  return `rgb(${grey}, ${grey}, ${grey})`;
}
