/**
 * Splits an AT parameter list at top-level commas, respecting quotes and parentheses:
 * `"SM",3,30` → [`"SM"`, `3`, `30`]; `("SM","ME"),("SM")` → [`("SM","ME")`, `("SM")`].
 * Tokens are trimmed; quotes and parentheses are kept (see {@link unquote}, {@link parseList}).
 * An unterminated quote runs to the end of the line (real dumps end with a stray `"`).
 */
export function splitParams(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === '(') {
      depth += 1;
    } else if (!quoted && ch === ')') {
      depth = Math.max(0, depth - 1);
    } else if (!quoted && depth === 0 && ch === ',') {
      out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim() !== '' || out.length > 0) {
    out.push(current.trim());
  }
  return out;
}

export function unquote(token: string | undefined): string {
  if (token === undefined) {
    return '';
  }
  return token.trim().replace(/^"/, '').replace(/"$/, '');
}

/** `(SM,ME)` / `("SM","ME")` / `"SM"` → [`SM`, `ME`] / [`SM`]. */
export function parseList(token: string): string[] {
  const inner = token.trim().replace(/^\(/, '').replace(/\)$/, '');
  if (inner.trim() === '') {
    return [];
  }
  return splitParams(inner)
    .map(unquote)
    .filter((v) => v !== '');
}

/** `(0-3)`, `(0,1)`, `(0-1,3)`, `2` → sorted unique numbers. Garbage yields []. */
export function parseRange(token: string): number[] {
  const values = new Set<number>();
  for (const part of parseList(token)) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Math.min(Number(range[2]), from + 255);
      for (let v = from; v <= to; v += 1) {
        values.add(v);
      }
    } else if (/^\d+$/.test(part)) {
      values.add(Number(part));
    }
  }
  return [...values].sort((a, b) => a - b);
}

/** The text after `prefix` on the first line that carries it; null when none does. */
export function firstPayload(lines: readonly string[], prefix: string): string | null {
  const upper = prefix.toUpperCase();
  for (const line of lines) {
    if (line.toUpperCase().startsWith(upper)) {
      return line.slice(prefix.length).trim();
    }
  }
  return null;
}

export function toInt(token: string | undefined): number | null {
  if (token === undefined) {
    return null;
  }
  const t = unquote(token);
  return /^-?\d+$/.test(t) ? Number(t) : null;
}
