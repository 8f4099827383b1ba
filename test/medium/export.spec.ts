import ExcelJS from 'exceljs';
import request from 'supertest';
import { findBank } from 'src/banks/bank-registry';
import { createAccount } from 'test/factories/account.factory';
import { createDeposit, DepositSeed } from 'test/factories/deposit.factory';
import { createMerchant, TestMerchant } from 'test/factories/merchant.factory';
import { ReportingGateway, startReportingGateway } from 'test/factories/reporting.factory';

/** 엑셀다운로드: the .xlsx opened back with exceljs, and the CSV, with the list's filters. */
describe('deposit export', () => {
  let world: ReportingGateway;
  let shop: TestMerchant;
  let other: TestMerchant;
  let account: string;
  let shinhan: string;
  const KB_NAME = findBank('004')!.name;
  const HEADERS = '거래고유번호,입금일,은행,계좌번호,메모,입금금액,입금자명,잔액,상태,전송시간'.split(',');

  const seed = (overrides: Partial<DepositSeed>) =>
    createDeposit(world.dataSource, { merchantId: shop.id, accountId: account, ...overrides });

  async function download(path: string, auth = shop.auth): Promise<request.Response> {
    return request(world.gateway.url)
      .get(path)
      .set(auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
  }

  async function sheetOf(path: string, auth = shop.auth): Promise<ExcelJS.Worksheet> {
    const response = await download(path, auth);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="deposits-\d{8}\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ExcelJS.Buffer);
    return workbook.worksheets[0];
  }

  beforeAll(async () => {
    world = await startReportingGateway();
    shop = await createMerchant(world.gateway.app);
    other = await createMerchant(world.gateway.app, '옆가게');
    account = (
      await createAccount(world.dataSource, {
        merchantId: shop.id,
        bankCode: '004',
        accountNumber: '01234567890',
        memo: '본점',
      })
    ).id;
    shinhan = (await createAccount(world.dataSource, { merchantId: shop.id, bankCode: '088' })).id;
    const otherAccount = (await createAccount(world.dataSource, { merchantId: other.id })).id;
    await createDeposit(world.dataSource, {
      merchantId: other.id,
      accountId: otherAccount,
      depositorName: '남의돈',
    });
  }, 30_000);

  afterAll(async () => {
    await world?.close();
  });

  it('should write Korean headers, typed cells in KST and a total row', async () => {
    // 2026-07-04 00:10:05 KST, still 07-03 in UTC; delivered 2.5 s later.
    const first = await seed({
      depositedAt: new Date('2026-07-03T15:10:05Z'),
      deliveredAt: new Date('2026-07-03T15:10:07.500Z'),
      amount: 1_234_567,
      balance: 9_876_543,
      depositorName: '홍길동',
      status: 'success',
    });
    const second = await seed({
      depositedAt: new Date('2026-07-04T05:00:00Z'),
      amount: 1_000,
      balance: null,
      depositorName: '김 영희',
      status: 'no_response',
      deliveredAt: null,
    });
    const sheet = await sheetOf('/api/v1/deposits/export.xlsx?month=2026-07');

    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(sheet.rowCount).toBe(4);
    // Newest first, like the list.
    const newest = sheet.getRow(2);
    expect(newest.getCell(1).value).toBe(second.tid);
    expect(newest.getCell(8).value).toBeNull();
    expect(newest.getCell(9).value).toBe('무응답');
    expect(newest.getCell(10).value).toBeNull();
    const row = sheet.getRow(3);
    expect(row.getCell(1).value).toBe(first.tid);
    // Excel dates have no zone: the cell holds the KST wall clock.
    expect(row.getCell(2).value).toEqual(new Date('2026-07-04T00:10:05Z'));
    expect(row.getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(row.getCell(3).value).toBe(KB_NAME);
    expect(row.getCell(4).value).toBe('01234567890');
    expect(row.getCell(5).value).toBe('본점');
    expect(row.getCell(6).value).toBe(1_234_567);
    expect(row.getCell(6).numFmt).toBe('#,##0');
    expect(row.getCell(7).value).toBe('홍길동');
    expect(row.getCell(8).value).toBe(9_876_543);
    expect(row.getCell(8).numFmt).toBe('#,##0');
    expect(row.getCell(9).value).toBe('전송성공');
    expect(row.getCell(10).value).toEqual(new Date('2026-07-04T00:10:07.500Z'));
    const total = sheet.getRow(4);
    expect(total.getCell(1).value).toBe('합계');
    expect(total.getCell(2).value).toBe('2건');
    expect(total.getCell(6).value).toBe(1_235_567);
    expect(total.getCell(6).numFmt).toBe('#,##0');
    expect(total.getCell(1).font?.bold).toBe(true);
    expect(row.getCell(1).font?.bold).toBeFalsy();
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
  });

  it('should export exactly what the list shows for the same filters, never another merchant', async () => {
    await seed({
      accountId: shinhan,
      bankCode: '088',
      depositedAt: new Date('2026-08-02T01:00:00Z'),
      amount: 7,
    });
    await seed({ depositedAt: new Date('2026-08-02T02:00:00Z'), amount: 8 });
    const query = 'from=2026-08-01&to=2026-08-31&bankCode=088';
    const listed = await world.get<{ total: number; items: { tid: string }[] }>(
      `/api/v1/deposits?${query}`,
      shop.auth,
    );
    const sheet = await sheetOf(`/api/v1/deposits/export.xlsx?${query}`);
    const exported = sheet.getColumn(1).values.slice(2, -1);
    // A later export is styled like the first: the total row's bold did not leak into shared styles.
    expect(sheet.getRow(2).getCell(6).font?.bold).toBeFalsy();
    expect(sheet.getRow(2).getCell(6).numFmt).toBe('#,##0');
    expect(exported).toEqual(listed.items.map((item) => item.tid));
    expect(listed.total).toBe(1);

    const all = await sheetOf('/api/v1/deposits/export.xlsx');
    const names = all.getColumn(7).values;
    expect(names).not.toContain('남의돈');
    const theirs = await sheetOf('/api/v1/deposits/export.xlsx', other.auth);
    expect(theirs.getColumn(7).values).toContain('남의돈');
    expect(theirs.rowCount).toBe(3);
  });

  it('should write an empty sheet with headers and a zero total when nothing matches', async () => {
    const sheet = await sheetOf('/api/v1/deposits/export.xlsx?month=2020-01');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(2).value).toBe('0건');
    expect(sheet.getRow(2).getCell(6).value).toBe(0);
  });

  it('should refuse bad filters with a JSON 400 before any file is sent', async () => {
    const response = await request(world.gateway.url)
      .get('/api/v1/deposits/export.xlsx?preset=today&month=2026-07')
      .set(shop.auth)
      .expect(400);
    expect(response.headers['content-type']).toMatch(/json/);
    await request(world.gateway.url).get('/api/v1/deposits/export.xlsx?page=2').set(shop.auth).expect(400);
    await request(world.gateway.url).get('/api/v1/deposits/export.xlsx').expect(401);
  });

  it('should write CSV as UTF-8 with a BOM, KST times and quoted fields', async () => {
    const tricky = await seed({
      depositedAt: new Date('2026-09-30T15:00:00Z'), // 10-01 00:00:00 KST
      depositorName: '=1+2, "주"',
      amount: 50_000,
    });
    const response = await download('/api/v1/deposits/export.csv?month=2026-10');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const body = response.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(HEADERS.join(','));
    expect(lines[1]).toBe(
      `${tricky.tid},2026-10-01 00:00:00,${KB_NAME},01234567890,본점,50000,"'=1+2, ""주""",1000000,전송성공,2026-10-01 00:00:00`,
    );
    expect(lines.slice(2)).toEqual(['']);
  });
});
