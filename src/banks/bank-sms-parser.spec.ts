import { parseBankSms } from 'src/banks/bank-sms-parser';

const KB = '16449999';
const at = (iso: string): Date => new Date(iso);

describe('parseBankSms', () => {
  describe('KB국민 (BANK-SMS.md §3.1)', () => {
    it('should read a deposit with 잔액 (sample 1)', () => {
      const r = parseBankSms({
        sender: KB,
        text: '[KB]07/04 15:24\n123456**789\n홍길동\n입금\n600,000\n잔액1,320,000',
        receivedAt: at('2025-07-04T15:24:30+09:00'),
      });
      expect(r).toEqual({
        kind: 'deposit',
        bankCode: '004',
        amount: 600000,
        name: '홍길동',
        balance: 1320000,
        accountHint: '123456**789',
        occurredAt: at('2025-07-04T15:24:00+09:00'),
        code: null,
        formatId: 'kb',
        confidence: 'high',
        reason: null,
      });
    });

    it('should read an 전자금융입금 without 잔액 (sample 2)', () => {
      const r = parseBankSms({
        sender: '1644-9999',
        text: '[Web발신]\n[KB]04/06 16:15\n123456**789\n김영희\n전자금융입금\n55,000',
      });
      expect(r).toMatchObject({ kind: 'deposit', amount: 55000, name: '김영희', balance: null });
    });

    it('should read an FBS입금 (sample 3)', () => {
      const r = parseBankSms({
        sender: KB,
        text: '[Web발신]\n[KB]04/05 10:25\n123456**789\n이철수\nFBS입금\n11,000',
      });
      expect(r).toMatchObject({ kind: 'deposit', amount: 11000, name: '이철수' });
    });

    it('should read a withdrawal (sample 4) as withdrawal', () => {
      const r = parseBankSms({
        sender: KB,
        text: '[KB]07/07 18:29\n123456**314\n박민수\n출금\n2,960,000\n잔액560,000',
      });
      expect(r).toMatchObject({ kind: 'withdrawal', amount: 2960000, balance: 560000, name: '박민수' });
      expect(r.reason).toMatch(/출금/);
    });

    it('should read 체크카드출금 with and without 잔액 (samples 5, 6) as withdrawals', () => {
      expect(
        parseBankSms({
          sender: KB,
          text: '[Web발신]\n[KB]02/05 22:47\n123456**775\n스타벅스\n체크카드출금\n11,940\n잔액45,091',
        }),
      ).toMatchObject({ kind: 'withdrawal', amount: 11940, balance: 45091 });
      expect(
        parseBankSms({
          sender: KB,
          text: '[Web발신]\n[KB]04/08 21:27\n123456**554\n주식회사개성\n체크카드출금\n13,000',
        }),
      ).toMatchObject({ kind: 'withdrawal', amount: 13000, balance: null, name: '주식회사개성' });
    });

    it.each(['전자금융출금', 'FBS출금', 'CMS출금', '공동CMS출', '지로출금', 'KB카드출금', 'ATM출금'])(
      'should read the %s type as a withdrawal',
      (type) => {
        const r = parseBankSms({
          sender: KB,
          text: `[KB]07/07 18:29\n123456**314\n박민수\n${type}\n1,000\n잔액560,000`,
        });
        expect(r.kind).toBe('withdrawal');
      },
    );

    it('should read the flattened variant with name and type glued', () => {
      const r = parseBankSms({
        sender: KB,
        text: '[Web발신][KB]01/15 16:24 676337**736송선한전자금융입금100',
      });
      expect(r).toMatchObject({ kind: 'deposit', amount: 100, name: '송선한', accountHint: '676337**736' });
    });

    it('should read a flattened deposit with 잔액', () => {
      const r = parseBankSms({
        sender: KB,
        text: '[KB]07/04 15:24 123456**789 홍길동 입금 600,000 잔액1,320,000',
      });
      expect(r).toMatchObject({ kind: 'deposit', amount: 600000, name: '홍길동', balance: 1320000 });
    });

    it('should strip [Web발신] on its own line, glued, spaced and in other spellings', () => {
      const body = '[KB]07/04 15:24\n123456**789\n홍길동\n입금\n600,000';
      for (const prefix of [
        '[Web발신]\n',
        '[Web발신]',
        '[Web발신] ',
        '[Web 발신]\n',
        '[WEB발신]',
        '[FW]',
        'FW>',
        '[재전송]',
        '(재전송)\n',
        '[Web발신]\n[FW] ',
      ]) {
        expect(parseBankSms({ sender: KB, text: prefix + body })).toMatchObject({
          kind: 'deposit',
          amount: 600000,
        });
      }
    });

    it('should accept CRLF, U+3000 padding, fullwidth digits and stray spaces', () => {
      const text =
        '[Web발신]\r\n[KB]０７/０４ 15:24\r\n123456**789 \r\n홍길동\u3000\u3000\r\n입금\r\n６００,０００\r\n잔액1,320,000\r\n';
      expect(parseBankSms({ sender: KB, text })).toMatchObject({
        kind: 'deposit',
        amount: 600000,
        name: '홍길동',
      });
    });

    it('should call reversals (출금취소, 승인취소) other, never a deposit', () => {
      for (const text of ['[KB]12/31 23:50\n출금취소\n10,000원', '[KB]01/05 10:29\n승인취소\n10,000원']) {
        const r = parseBankSms({ sender: KB, text });
        expect(r.kind).toBe('other');
        expect(r.bankCode).toBe('004');
      }
      const full = parseBankSms({
        sender: KB,
        text: '[KB]07/07 18:29\n123456**314\n쿠팡\n출금취소\n5,000\n잔액560,000',
      });
      expect(full.kind).toBe('other');
    });

    it('should never read the amount from the name field', () => {
      const r = parseBankSms({ sender: KB, text: '[KB]07/04 15:24\n123456**789\n50,000\n입금\n600,000' });
      expect(r).toMatchObject({ kind: 'deposit', amount: 600000, name: '50,000' });
    });

    it('should keep a name that ends in 입금 (지자체세입금) and take the real type line', () => {
      const r = parseBankSms({ sender: KB, text: '[KB]07/04 15:24\n123456**789\n지자체세입금\n출금\n5,000' });
      expect(r).toMatchObject({ kind: 'withdrawal', name: '지자체세입금', amount: 5000 });
    });

    it('should call a [KB] text with an unknown layout unparsed', () => {
      const r = parseBankSms({
        sender: KB,
        text: '[KB]07/04 15:24\n입금 600,000원 되었습니다 확인하세요 123',
      });
      expect(r.kind).toBe('unparsed');
      expect(r.bankCode).toBe('004');
    });
  });

  describe('anti-spoofing', () => {
    const text = '[Web발신]\n[KB]07/04 15:24\n123456**789\n홍길동\n입금\n600,000\n잔액1,320,000';

    it.each(['15778000', '01012345678', 'KBSTAR', '', '15882100'])(
      'should call a KB layout from %p unknown_sender with bankCode 004',
      (sender) => {
        const r = parseBankSms({ sender, text });
        expect(r.kind).toBe('unknown_sender');
        expect(r.bankCode).toBe('004');
        expect(r.reason).toMatch(/not an official 국민은행 number/);
      },
    );

    it.each(['16449999', '1644-9999', '+8216449999', '15889999'])(
      'should accept the official sender form %p',
      (sender) => {
        expect(parseBankSms({ sender, text }).kind).toBe('deposit');
      },
    );

    it('should never make a deposit of a text with [국외발신]/[국제발신]', () => {
      for (const marker of ['[국외발신]', '[국제발신]', '[Web발신]\n[국제발신] ']) {
        const r = parseBankSms({ sender: KB, text: `${marker}${text}` });
        expect(r.kind).toBe('unknown_sender');
        expect(r.reason).toMatch(/발신/);
      }
    });

    it('should not take the smishing sample as a verification or a deposit', () => {
      const r = parseBankSms({
        sender: '028268211',
        text: '[국외발신] 고객님 인증번호[7***5] 해외결제 695,000원 정상처리완료 문의:028268211',
      });
      expect(r.kind).not.toBe('deposit');
      expect(r.kind).not.toBe('verification');
      expect(r.code).toBeNull();
    });
  });

  describe('year inference', () => {
    const text = (mmdd: string, hhmm: string): string =>
      `[KB]${mmdd} ${hhmm}\n123456**789\n홍길동\n입금\n1,000`;

    it('should put 12/31 23:59 received 2027-01-01 00:03 KST in 2026', () => {
      const r = parseBankSms({
        sender: KB,
        text: text('12/31', '23:59'),
        receivedAt: at('2027-01-01T00:03:00+09:00'),
      });
      expect(r.occurredAt?.toISOString()).toBe('2026-12-31T14:59:00.000Z');
    });

    it('should put 01/01 00:01 received 2026-12-31 23:59 KST (modem clock behind) in 2027', () => {
      const r = parseBankSms({
        sender: KB,
        text: text('01/01', '00:01'),
        receivedAt: at('2026-12-31T23:59:00+09:00'),
      });
      expect(r.occurredAt?.toISOString()).toBe('2026-12-31T15:01:00.000Z');
    });

    it('should handle 02/29 by picking the leap year', () => {
      const r = parseBankSms({
        sender: KB,
        text: text('02/29', '10:00'),
        receivedAt: at('2028-03-01T00:00:00+09:00'),
      });
      expect(r.occurredAt?.toISOString()).toBe('2028-02-29T01:00:00.000Z');
    });

    it('should read KST wall time when receivedAt is late UTC of the previous day', () => {
      const r = parseBankSms({
        sender: KB,
        text: text('07/05', '08:00'),
        receivedAt: at('2025-07-04T23:00:30Z'),
      });
      expect(r.occurredAt?.toISOString()).toBe('2025-07-04T23:00:00.000Z');
    });

    it('should not match an impossible date', () => {
      expect(parseBankSms({ sender: KB, text: text('13/45', '25:61') }).kind).toBe('unparsed');
    });

    it('should leave occurredAt null when the bank prints no date (케이뱅크), whatever the receive time', () => {
      const r = parseBankSms({
        sender: '15221000',
        text: '[Web발신]\n[케이뱅크]\n홍길*(0276)\n입금 50,000원\n잔액 1,234,567원\n김철수',
        receivedAt: at('2025-05-10T12:00:00+09:00'),
      });
      expect(r.kind).toBe('deposit');
      expect(r.occurredAt).toBeNull();
    });

    it('should still date a message without receivedAt', () => {
      const r = parseBankSms({ sender: KB, text: text('07/04', '15:24') });
      expect(r.occurredAt).toBeInstanceOf(Date);
    });
  });

  describe('verification codes (BANK-SMS.md §4)', () => {
    it.each([
      [
        '0220338500',
        '[Web발신]\n[한국모바일인증(주)]본인확인 인증번호[256931]입니다. "타인 노출 금지"',
        '256931',
      ],
      ['0220338500', '[Web발신]\n[KT] 인증번호: 990575 본인 확인을 위해 입력해 주세요.', '990575'],
      ['15882114', '[Web발신]\n[현대캐피탈 본인확인] 인증번호[575177]을 입력해 주세요.', '575177'],
      ['027081007', '[Web발신]\n<#>[인증번호:658329] - 카카오페이\n(타인노출금지)', '658329'],
      ['16449999', '[Web발신]\n[KB국민은행] 인증번호 [123456]를 입력해 주세요.', '123456'],
      ['15778000', '[Web발신]\n[신한은행] SMS인증번호 [654321] 타인에게 알려주지 마세요', '654321'],
      ['15882100', '[Web발신]\n[NH농협] 인증번호(482913)를 입력하세요', '482913'],
      ['15881234', '인증코드 4821 입력', '4821'],
      ['15881234', '[OO은행] 확인코드는 73920184 입니다', '73920184'],
    ])('should extract the code from %p %p', (sender, text, code) => {
      const r = parseBankSms({ sender, text });
      expect(r).toMatchObject({ kind: 'verification', code });
    });

    it('should set bankCode from an official bank sender', () => {
      expect(
        parseBankSms({ sender: KB, text: '[KB국민은행] 인증번호 [123456]를 입력해 주세요.' }).bankCode,
      ).toBe('004');
      expect(parseBankSms({ sender: '0220338500', text: '[KT] 인증번호: 990575' }).bankCode).toBeNull();
    });

    it('should take the 금융결제원 reply prompt as a verification without a code', () => {
      const r = parseBankSms({
        sender: '16666805',
        text: '[Web발신]\n[금융결제원] 확인코드(2자리)를 문자로 답장한 후 서비스 화면으로 돌아가세요.',
      });
      expect(r).toMatchObject({ kind: 'verification', code: null });
    });

    it.each([
      ['a masked code', '고객님 인증번호[7***5] 해외결제 완료'],
      ['an amount', '인증번호 발송 수수료 1000원'],
      ['a phone number', '인증번호 문의 1599-3333'],
      ['an unhyphenated call-centre number', '인증번호 문의 15993333'],
      ['a mobile number', '인증번호 요청 01012345678'],
      ['a date and time', '인증번호 12/31 23:59 발송'],
      ['a year', '인증번호 2026년 변경'],
      ['a card approval number', '승인번호 12345678 인증번호 안내'],
    ])('should not take %s as the code', (_what, text) => {
      const r = parseBankSms({ sender: '15881234', text });
      expect(r.code).toBeNull();
      expect(r.kind).not.toBe('deposit');
    });

    it('should surface the name-line code of a 1원 deposit', () => {
      const r = parseBankSms({ sender: KB, text: '[KB]07/04 15:24\n123456**789\n토스 482\n입금\n1' });
      expect(r).toMatchObject({ kind: 'deposit', amount: 1, code: '482' });
    });
  });

  describe('never a deposit (BANK-SMS.md §5)', () => {
    it.each([
      [
        'card approval from the card sender',
        '16444000',
        '[Web발신]\nNH카드1*3*승인\n홍*동\n12,350원 체크\n12/06 20:37\n세븐일레븐\n잔액222,210원',
      ],
      [
        'card approval from a bank sender',
        '15882100',
        '[Web발신]\nNH카드1*3*승인\n홍*동\n12,350원 체크\n12/06 20:37\n세븐일레븐\n잔액222,210원',
      ],
      ['KB check card push', KB, 'KB국민체크(5*3*) 김진아님 11/13 15:52 276,200원 이마트 사용'],
      [
        'KB card',
        '15881688',
        '[Web발신]\nKB국민카드7711승인\n김*우님\n19,050원 일시불\n07/01 08:52\n쿠팡(쿠페이)\n누적435,849원',
      ],
      [
        'card cancellation',
        '15881688',
        '[KB국민카드] 6310 하*현님 쿠팡(쿠페이)-쿠 01월28일 이용건 02월02일 취소완료(-15,990원)',
      ],
      [
        '카카오 카드결제실패',
        '15993333',
        '[Web발신]\n[카카오뱅크] 카드결제실패\n변*룡(0304)\n05/25 10:56\n100,000원\n서라벌셀프주유소\n잔액부족',
      ],
      [
        '카카오 승인거절',
        '15993333',
        '[Web발신] [카카오뱅크] 승인거절 홍*동(7319) 04/12 08:40 사유: 분실/도난 카드 문의 1599-3333',
      ],
      [
        'loan notice with 입금 in the title',
        KB,
        '<제목: 장기카드대출입금안내> 고객님 대출금 지급이 완료되었습니다',
      ],
      ['케이뱅크 service notice', '15221000', '[Web발신]\n[케이뱅크] 서비스 일시 중단 안내'],
      ['advertisement', KB, '(광고)[KB국민은행] 적금 특판 안내 무료수신거부 0801234567'],
      ['invoice substring trap', KB, '입금 계좌: 부산은행 123-456 입금하실 금액 10,000원'],
      ['입금하실 금액', '15886200', '[부산은행] 입금하실 금액은 10,000원입니다'],
      ['지자체세입금 from a generic bank', '15886200', '[부산] 07/04 지자체세입금 50,000원'],
      ['payment due', '15885000', '이번 달 카드대금 결제예정 금액은 120,000원입니다'],
      ['자동이체 debit', '15885000', '우리카드결제 120,000원 출금 완료 잔액 1,000원'],
      [
        '토스뱅크 알림톡 text with 농협 inside',
        '16617654',
        '[토스뱅크] 체크카드 국내 결제\n김*진님의 공룡통장 카드\n46,460원 결제 | 영등포농협 하나로마트 도림시장\n잔액 109,798원',
      ],
      ['security notice', '15778000', '[신한은행] 고객님의 비밀번호가 변경되었습니다.'],
    ])('should not make a deposit of a %s', (_what, sender, text) => {
      const r = parseBankSms({ sender, text });
      expect(r.kind).not.toBe('deposit');
      expect(['withdrawal', 'other', 'unparsed', 'unknown_sender']).toContain(r.kind);
    });

    it('should call card senders unknown_sender', () => {
      expect(parseBankSms({ sender: '15881688', text: 'KB국민카드 승인 19,050원' }).kind).toBe(
        'unknown_sender',
      );
    });

    it('should call a bank notice other with the bank set', () => {
      const r = parseBankSms({ sender: '15778000', text: '[신한은행] 고객님의 비밀번호가 변경되었습니다.' });
      expect(r).toMatchObject({ kind: 'other', bankCode: '088' });
    });

    it('should call an unknown layout from a bank with confirmed layouts unparsed, not guessed', () => {
      const r = parseBankSms({ sender: '15778000', text: '[신한] 홍길동님 입금 50,000원' });
      expect(r).toMatchObject({ kind: 'unparsed', bankCode: '088' });
    });
  });

  describe('generic fallback for banks without a confirmed layout', () => {
    it("should read a clear deposit from the bank's own number with low confidence", () => {
      const r = parseBankSms({
        sender: '15886200',
        text: '[Web발신]\n[부산]07/04 15:24\n123-****-5678\n입금 50,000원\n홍길동\n잔액 1,234,567원',
        receivedAt: at('2025-07-04T15:25:00+09:00'),
      });
      expect(r).toMatchObject({
        kind: 'deposit',
        bankCode: '032',
        amount: 50000,
        name: '홍길동',
        balance: 1234567,
        accountHint: '123-****-5678',
        formatId: 'generic',
        confidence: 'low',
      });
      expect(r.occurredAt?.toISOString()).toBe('2025-07-04T06:24:00.000Z');
    });

    it('should read the SC제일 U+3000 shape as a low-confidence deposit', () => {
      const r = parseBankSms({
        sender: '15881599',
        text: '[Web발신]\nSC제일\u3000홍길동\u300007/04\u300015:24\u3000123**456\u3000입금100,000원\u3000잔액1,234,567원',
      });
      expect(r).toMatchObject({ kind: 'deposit', bankCode: '023', amount: 100000, confidence: 'low' });
    });

    it('should read a withdrawal as a withdrawal', () => {
      const r = parseBankSms({
        sender: '15880079',
        text: '[제주]07/04 15:24\n123-****-5678\n출금 5,000원\n관리비',
      });
      expect(r).toMatchObject({ kind: 'withdrawal', bankCode: '035', amount: 5000 });
    });

    it('should refuse two amounts with directions', () => {
      const r = parseBankSms({ sender: '15886200', text: '[부산] 입금 50,000원 출금 20,000원' });
      expect(r.kind).toBe('unparsed');
    });

    it("should not run for a text from a number that is not that bank's", () => {
      const r = parseBankSms({ sender: '01099998888', text: '[부산]07/04 15:24\n입금 50,000원\n홍길동' });
      expect(r.kind).toBe('unknown_sender');
    });
  });

  describe('totality', () => {
    it.each([
      [{ sender: '', text: '' }],
      [{ sender: KB, text: '   \n\r\n ' }],
      [{ sender: null, text: null }],
      [{ sender: undefined, text: undefined }],
      [{ sender: 16449999, text: 12345 }],
      [{ sender: KB, text: '[KB]', receivedAt: new Date(NaN) }],
      [{ sender: KB, text: '[Web발신]' }],
    ])('should return a result for %p', (input) => {
      const r = parseBankSms(input as never);
      expect(r.kind).toBeDefined();
    });

    it('should not throw on a null input object', () => {
      expect(parseBankSms(null as never).kind).toBe('unknown_sender');
    });
  });
});
