import { StringDecoder } from 'node:string_decoder';
import { Transform, TransformCallback } from 'node:stream';

export type AtFrame = { type: 'line'; line: string } | { type: 'prompt' };

/** A runaway line (no terminator, e.g. line noise at the wrong baud rate) is cut here. */
export const MAX_LINE_LENGTH = 16 * 1024;

/**
 * Frames the modem byte stream into lines and the `> ` PDU prompt.
 *
 * - CR, LF, CRLF, LFCR and runs of them all end a line; empty lines are dropped.
 * - A partial line is kept until its terminator arrives in a later chunk.
 * - `> ` (or a lone `>` once nothing follows it in the chunk) with no terminator is the prompt.
 * - Bytes that are not text (NUL, 0xFF line noise, other C0 controls) are removed; invalid UTF-8
 *   becomes U+FFFD. Nothing here throws for any input.
 */
export class AtLineParser {
  private decoder = new StringDecoder('utf8');
  private buffer = '';

  push(chunk: Buffer | string): AtFrame[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    this.buffer += text;
    const frames: AtFrame[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i += 1) {
      const ch = this.buffer.charCodeAt(i);
      if (ch === 0x0d || ch === 0x0a) {
        this.emitLine(this.buffer.slice(start, i), frames);
        start = i + 1;
      }
    }
    this.buffer = this.buffer.slice(start);
    const pending = clean(this.buffer);
    if (pending === '> ' || pending === '>') {
      frames.push({ type: 'prompt' });
      this.buffer = '';
    } else if (this.buffer.length > MAX_LINE_LENGTH) {
      this.emitLine(this.buffer, frames);
      this.buffer = '';
    }
    return frames;
  }

  /** What is buffered without a terminator (for diagnostics). */
  get pending(): string {
    return this.buffer;
  }

  reset(): void {
    this.buffer = '';
    this.decoder = new StringDecoder('utf8');
  }

  private emitLine(raw: string, frames: AtFrame[]): void {
    const line = clean(raw).trim();
    if (line.length > 0) {
      frames.push({ type: 'line', line });
    }
  }
}

const NON_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ff\ufffd]/g;

function clean(text: string): string {
  return text.replace(NON_TEXT, '');
}

/** Stream form of {@link AtLineParser}: bytes in, {@link AtFrame} objects out. */
export class AtLineParserStream extends Transform {
  private readonly parser = new AtLineParser();

  constructor() {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    for (const frame of this.parser.push(chunk)) {
      this.push(frame);
    }
    callback();
  }
}
