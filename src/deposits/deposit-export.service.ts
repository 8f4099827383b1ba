import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { formatKst } from 'src/common/clock';
import { findBank } from 'src/banks/bank-registry';
import { DepositFilter } from 'src/deposits/deposit-filter';
import { DepositStatus } from 'src/deposits/deposit.entity';
import { DepositExportRow, DepositRepository } from 'src/deposits/deposit.repository';

/** 상태 as the list shows it. */
export const STATUS_LABELS: Record<DepositStatus, string> = {
  sending: '전송중',
  success: '전송성공',
  no_response: '무응답',
  expired: '이용기간종료',
};

/** Columns of the export, in the list's order and words. */
export const EXPORT_HEADERS = [
  '거래고유번호',
  '입금일',
  '은행',
  '계좌번호',
  '메모',
  '입금금액',
  '입금자명',
  '잔액',
  '상태',
  '전송시간',
] as const;

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const WIDTHS = [18, 20, 14, 18, 16, 14, 14, 14, 12, 20];
/**
 * One style object per kind, shared by every cell: exceljs caches a style by object identity, so
 * 100,000 rows cost 3 style look-ups, not a million (and a million objects of garbage).
 */
const PLAIN: Partial<ExcelJS.Style> = {};
const DATE: Partial<ExcelJS.Style> = { numFmt: 'yyyy-mm-dd hh:mm:ss' };
const AMOUNT: Partial<ExcelJS.Style> = { numFmt: '#,##0' };
const COLUMN_STYLES = [PLAIN, DATE, PLAIN, PLAIN, PLAIN, AMOUNT, PLAIN, AMOUNT, PLAIN, DATE];
const BOLD = { bold: true };
const TOTAL_STYLES = COLUMN_STYLES.map((style) => ({ ...style, font: BOLD }));
const UTF8_BOM = '\ufeff';

/**
 * 엑셀다운로드: every row matching a filter, streamed from a database cursor to the response in
 * batches, so memory holds one batch however many rows there are.
 */
@Injectable()
export class DepositExportService {
  constructor(private readonly deposits: DepositRepository) {}

  /** A real .xlsx (exceljs streaming writer): amounts as numbers, dates as KST dates, a total row. */
  async writeXlsx(filter: DepositFilter, out: Writable): Promise<void> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('입금통보리스트', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = EXPORT_HEADERS.map((header, index) => ({ header, width: WIDTHS[index] }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    let count = 0;
    let total = 0;
    for await (const rows of this.deposits.exportRows(filter, 250)) {
      for (const row of rows) {
        styled(sheet.addRow(cells(row, kstWallClock, Number))).commit();
        count += 1;
        total += Number(row.amount);
      }
      await zipCaughtUp(sheet);
      await drained(out);
    }
    styled(sheet.addRow(['합계', `${count}건`, null, null, null, total]), TOTAL_STYLES).commit();
    sheet.commit();
    await workbook.commit();
  }

  /** The same rows as CSV, UTF-8 with a BOM so Excel reads the Korean right; no total row. */
  async writeCsv(filter: DepositFilter, out: Writable): Promise<void> {
    out.write(`${UTF8_BOM}${EXPORT_HEADERS.join(',')}\r\n`);
    for await (const rows of this.deposits.exportRows(filter)) {
      out.write(
        rows.map((row) => cells(row, formatKst, String).map(csvField).join(',')).join('\r\n') + '\r\n',
      );
      await drained(out);
    }
    out.end();
  }
}

/** One row's cells in column order; dates and amounts as each format wants them. */
/** Never mutate a shared style through a cell (`cell.font = …`): assign another object. */
function styled(row: ExcelJS.Row, styles = COLUMN_STYLES): ExcelJS.Row {
  row.eachCell({ includeEmpty: true }, (cell, column) => {
    cell.style = styles[column - 1] ?? PLAIN;
  });
  return row;
}

function cells<D, A>(
  row: DepositExportRow,
  date: (value: Date) => D,
  amount: (value: string) => A,
): (string | D | A | null)[] {
  return [
    row.tid,
    date(row.depositedAt),
    findBank(row.bankCode)?.name ?? row.bankCode,
    row.accountNumber,
    row.memo,
    amount(row.amount),
    row.depositorName,
    row.balance === null ? null : amount(row.balance),
    STATUS_LABELS[row.status] ?? row.status,
    row.deliveredAt ? date(row.deliveredAt) : null,
  ];
}

/** Excel dates have no zone: write the KST wall clock (exceljs converts a Date by its UTC fields). */
function kstWallClock(date: Date): Date {
  return new Date(date.getTime() + KST_OFFSET_MS);
}

/** RFC 4180 quoting; a leading formula character is defused so a depositor name cannot run in Excel. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * exceljs writes sheet XML into the zip without looking at backpressure, so a fast cursor would
 * pile up uncompressed XML in memory. Between batches, wait until the zip has taken it.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) await drained(pipe);
}

/** Backpressure between batches; a client that went away ends the export (and frees the cursor). */
async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) {
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done).off('close', done);
        resolve();
      };
      out.on('drain', done).on('close', done);
    });
  }
  if (out.destroyed) throw new ExportAbortedError();
}

export class ExportAbortedError extends Error {
  constructor() {
    super('the client closed the download');
  }
}
