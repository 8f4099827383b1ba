import { csvField } from 'src/deposits/deposit-export.service';

describe('csvField', () => {
  it('should quote fields with commas, quotes or line breaks', () => {
    expect(csvField('홍길동')).toBe('홍길동');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('should defuse a value Excel would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+82')).toBe("'+82");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
