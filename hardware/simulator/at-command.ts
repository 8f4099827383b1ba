/** Parsing of AT command lines as a modem sees them (V.250 / 27.007 syntax, the part the simulator needs). */

export type AtCommandKind = 'exec' | 'set' | 'read' | 'test';

export interface AtCommand {
  /** The command as offered to behaviours, always with the 'AT' prefix: 'AT+CMGR=3', 'ATE0'. */
  line: string;
  /** Upper-cased name: '+CMGR', '^ICCID', 'E', 'Z', '' for a bare 'AT'. */
  name: string;
  kind: AtCommandKind;
  /** Arguments of a set command, unquoted and trimmed ('AT+CPMS="SM","SM"' -> ['SM', 'SM']). */
  args: string[];
  /** The raw text after '=' (set) or after the basic command letter ('ATE0' -> '0'). */
  rawArgs: string;
}

/**
 * Splits one received command line into its commands: 'AT+CMEE=1;+CREG=2' -> ['AT+CMEE=1', 'AT+CREG=2'].
 * Anything before the first 'AT' (garbage, a stray Ctrl-Z) is ignored, like a modem hunting for the prefix.
 * Returns [] when the line holds no 'AT' at all.
 */
export function splitCommandLine(line: string): string[] {
  const at = line.search(/at/i);
  if (at < 0) {
    return [];
  }
  const body = line.slice(at + 2);
  if (body.trim() === '') {
    return ['AT'];
  }
  const commands: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of body) {
    if (ch === '"') {
      quoted = !quoted;
    }
    if (ch === ';' && !quoted) {
      if (current.trim() !== '') {
        commands.push(`AT${current.trim()}`);
      }
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim() !== '') {
    commands.push(`AT${current.trim()}`);
  }
  return commands;
}

/** Parses one command ('AT+CMGR=3', 'AT+CPMS?', 'AT+CNMI=?', 'ATE0', 'AT^ICCID?', 'AT'). */
export function parseAtCommand(line: string): AtCommand {
  const body = line.replace(/^\s*at/i, '');
  if (body === '') {
    return { line, name: '', kind: 'exec', args: [], rawArgs: '' };
  }
  const extended = /^([+^$#%*][A-Za-z0-9]+)(=\?|\?|=(.*))?$/s.exec(body);
  if (extended) {
    const name = extended[1].toUpperCase();
    if (extended[2] === '=?') {
      return { line, name, kind: 'test', args: [], rawArgs: '' };
    }
    if (extended[2] === '?') {
      return { line, name, kind: 'read', args: [], rawArgs: '' };
    }
    if (extended[2] !== undefined) {
      const rawArgs = extended[3] ?? '';
      return { line, name, kind: 'set', args: splitArgs(rawArgs), rawArgs };
    }
    return { line, name, kind: 'exec', args: [], rawArgs: '' };
  }
  // basic command: a letter (or &letter) with an optional number, e.g. E0, Z, V1, &F, I
  const basic = /^(&?[A-Za-z])(\??)(.*)$/s.exec(body);
  if (basic) {
    return {
      line,
      name: basic[1].toUpperCase(),
      kind: basic[2] === '?' ? 'read' : 'exec',
      args: basic[3] === '' ? [] : [basic[3]],
      rawArgs: basic[3],
    };
  }
  return { line, name: body.toUpperCase(), kind: 'exec', args: [], rawArgs: '' };
}

export function splitArgs(raw: string): string[] {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of raw) {
    if (ch === '"') {
      quoted = !quoted;
      continue;
    }
    if (ch === ',' && !quoted) {
      args.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  args.push(current.trim());
  return args;
}

/** A non-negative integer argument, or null if absent or malformed. */
export function intArg(args: readonly string[], index: number): number | null {
  const value = args[index];
  if (value === undefined || !/^\d+$/.test(value)) {
    return null;
  }
  return Number(value);
}
