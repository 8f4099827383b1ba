import fc from 'fast-check';

import { loadPduFixtures } from 'test/fixtures/pdu/pdu-fixtures';

import { decodePdu, PduDecodeError } from './pdu-decoder';

/** The inbox stores whatever it cannot decode; a stray TypeError would take the read loop down instead. */
function decodesOrRejectsCleanly(hex: string): void {
  try {
    const decoded = decodePdu(hex);
    expect(typeof decoded.text).toBe('string');
    expect(Number.isFinite(decoded.smscTimestamp.getTime())).toBe(true);
  } catch (err) {
    if (!(err instanceof PduDecodeError)) {
      throw new Error(`non-PduDecodeError for ${hex}: ${String(err)}`);
    }
  }
}

const realPdus = loadPduFixtures().map((fixture) => fixture.hex);
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();

describe('decodePdu fuzz', () => {
  it('should only ever throw PduDecodeError on random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), decodesOrRejectsCleanly), { numRuns: 2000 });
  });

  it('should only ever throw PduDecodeError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => decodesOrRejectsCleanly(toHex(bytes))),
      { numRuns: 5000 },
    );
  });

  it('should only ever throw PduDecodeError on every truncation of every real PDU', () => {
    for (const hex of realPdus) {
      for (let length = 0; length <= hex.length; length++) {
        decodesOrRejectsCleanly(hex.slice(0, length));
      }
    }
  });

  it('should only ever throw PduDecodeError on real PDUs with corrupted octets', () => {
    const corrupted = fc
      .tuple(
        fc.constantFrom(...realPdus),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      )
      .map(([hex, edits]) => {
        const bytes = Buffer.from(hex, 'hex');
        for (const [position, value] of edits) {
          bytes[position % bytes.length] = value;
        }
        return toHex(bytes);
      });
    fc.assert(fc.property(corrupted, decodesOrRejectsCleanly), { numRuns: 5000 });
  });
});
