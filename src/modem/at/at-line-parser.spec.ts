import { AtFrame, AtLineParser, AtLineParserStream, MAX_LINE_LENGTH } from './at-line-parser';

const lines = (frames: AtFrame[]): string[] => frames.map((f) => (f.type === 'line' ? f.line : '<prompt>'));

describe('AtLineParser', () => {
  it('should split CRLF, LF, CR and LFCR terminated lines and drop empty ones', () => {
    const parser = new AtLineParser();
    expect(lines(parser.push('\r\nOK\r\n+CSQ: 21,99\nRING\rA\n\rB\r\n\r\n'))).toEqual([
      'OK',
      '+CSQ: 21,99',
      'RING',
      'A',
      'B',
    ]);
  });

  it('should keep a partial line until its terminator arrives', () => {
    const parser = new AtLineParser();
    expect(lines(parser.push('\r\n+CMTI: "S'))).toEqual([]);
    expect(parser.pending).toBe('+CMTI: "S');
    expect(lines(parser.push('M",3'))).toEqual([]);
    expect(lines(parser.push('\r\n'))).toEqual(['+CMTI: "SM",3']);
  });

  it('should emit the "> " prompt that has no line terminator', () => {
    const parser = new AtLineParser();
    expect(lines(parser.push('\r\n> '))).toEqual(['<prompt>']);
    expect(lines(parser.push('\r\n>'))).toEqual(['<prompt>']);
  });

  it('should strip NUL, 0xFF and other control bytes without throwing', () => {
    const parser = new AtLineParser();
    const out = parser.push(Buffer.from([0x00, 0xff, 0x4f, 0x4b, 0x07, 0x0d, 0x0a, 0xfe, 0x1b]));
    expect(lines(out)).toEqual(['OK']);
  });

  it('should keep a UTF-8 character split across chunks intact', () => {
    const parser = new AtLineParser();
    const bytes = Buffer.from('+COPS: 0,0,"케이티"\r\n', 'utf8');
    expect(lines(parser.push(bytes.subarray(0, 15)))).toEqual([]);
    expect(lines(parser.push(bytes.subarray(15)))).toEqual(['+COPS: 0,0,"케이티"']);
  });

  it('should cut a runaway line without a terminator', () => {
    const parser = new AtLineParser();
    const out = parser.push('A'.repeat(MAX_LINE_LENGTH + 10));
    expect(out).toHaveLength(1);
    expect(parser.pending).toBe('');
  });

  it('should work as a Transform stream', async () => {
    const stream = new AtLineParserStream();
    const frames: AtFrame[] = [];
    stream.on('data', (frame: AtFrame) => frames.push(frame));
    stream.write(Buffer.from('\r\nO'));
    stream.write(Buffer.from('K\r\n> '));
    stream.end();
    await new Promise((resolve) => stream.on('end', resolve));
    expect(lines(frames)).toEqual(['OK', '<prompt>']);
  });
});
