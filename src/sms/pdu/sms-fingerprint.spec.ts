import { buildDeliverPdu, encodeCp949 } from 'test/fixtures/pdu/deliver-pdu.builder';
import { loadPduFixture } from 'test/fixtures/pdu/pdu-fixtures';

import { decodePdu, smsFingerprint } from './pdu-decoder';

const SIM = '8982300000000000001';
const recipe = { sender: '16449999', dcs: 0x84, localTime: '2025-07-04T15:24:07', tzMinutes: 540 };
const body = { octets: encodeCp949('입금 600,000') };

describe('smsFingerprint', () => {
  it('should be a sha256 hex digest', () => {
    expect(smsFingerprint(SIM, decodePdu(loadPduFixture('V20').hex))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should match for two reads of the same SMS, whatever the line looks like', () => {
    const hex = loadPduFixture('V20').hex;
    expect(smsFingerprint(SIM, decodePdu(` ${hex.toLowerCase()}\r\n`))).toBe(
      smsFingerprint(SIM, decodePdu(hex)),
    );
  });

  it('should match the same SMS re-delivered through a different SMSC', () => {
    const first = decodePdu(buildDeliverPdu({ ...recipe, smsc: '+821010000000', body }));
    const second = decodePdu(buildDeliverPdu({ ...recipe, smsc: '+821010000999', body }));
    expect(smsFingerprint(SIM, second)).toBe(smsFingerprint(SIM, first));
  });

  it('should match the same sender written international and national', () => {
    const national = decodePdu(buildDeliverPdu({ ...recipe, smsc: null, body }));
    const international = decodePdu(buildDeliverPdu({ ...recipe, sender: '+8216449999', smsc: null, body }));
    expect(smsFingerprint(SIM, international)).toBe(smsFingerprint(SIM, national));
  });

  it('should differ on another SIM', () => {
    const pdu = decodePdu(loadPduFixture('V20').hex);
    expect(smsFingerprint('other-sim', pdu)).not.toBe(smsFingerprint(SIM, pdu));
  });

  it('should differ between the two parts of one message (V15, V16)', () => {
    const [first, second] = ['V15', 'V16'].map((id) => decodePdu(loadPduFixture(id).hex));
    expect(smsFingerprint(SIM, first)).not.toBe(smsFingerprint(SIM, second));
  });

  it('should differ when the same text arrives at another time', () => {
    const earlier = decodePdu(buildDeliverPdu({ ...recipe, smsc: null, body }));
    const later = decodePdu(
      buildDeliverPdu({ ...recipe, localTime: '2025-07-04T15:24:08', smsc: null, body }),
    );
    expect(smsFingerprint(SIM, later)).not.toBe(smsFingerprint(SIM, earlier));
  });
});
