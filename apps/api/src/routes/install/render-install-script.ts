/** The values GET /install.sh bakes into infra/install.sh, by the lines' `berth:template` names. */
export type InstallScriptValues = Record<string, string>;

// `NAME='value'   # berth:template key` — one assignment per line, value single-quoted.
const TEMPLATE_LINE = /^([A-Z_][A-Z0-9_]*)='[^'\n]*'([ \t]+# berth:template ([a-z][a-z-]*))$/gm;

/**
 * One shell word that sh reads back as exactly `value`: single quotes keep `$`, backticks and
 * backslashes literal; a quote inside becomes `'\''`. Line breaks and NUL are refused — they
 * could not survive in a one-line assignment and never belong in a URL or version.
 */
export function shellQuote(value: string): string {
  if (/[\0\r\n]/.test(value)) throw new Error('install script values must not contain line breaks or NUL');
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** Replaces each template line's value; a value without its template line is a broken script. */
export function renderInstallScript(template: string, values: InstallScriptValues): string {
  const used = new Set<string>();
  const rendered = template.replace(TEMPLATE_LINE, (line, name: string, comment: string, key: string) => {
    const value = values[key];
    if (value === undefined) return line;
    used.add(key);
    return `${name}=${shellQuote(value)}${comment}`;
  });
  const missing = Object.keys(values).filter((key) => !used.has(key));
  if (missing.length > 0)
    throw new Error(`install script has no berth:template line for ${missing.join(', ')}`);
  return rendered;
}
