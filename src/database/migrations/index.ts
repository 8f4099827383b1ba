import { Initial1795712836587 } from './1795712836587-Initial';
import { InboundSmsBalanceChain1795721100000 } from './1795721100000-InboundSmsBalanceChain';
import { AccountPreviousNumber1795722000000 } from './1795722000000-AccountPreviousNumber';
import { CallbackEndpoints1795723000000 } from './1795723000000-CallbackEndpoints';
import { ReportingIndexes1795724000000 } from './1795724000000-ReportingIndexes';
import { ReportingFilterIndexes1795724100000 } from './1795724100000-ReportingFilterIndexes';
import { SmsPartsPending1795726000000 } from './1795726000000-SmsPartsPending';
import { DepositDailyTotals1795727000000 } from './1795727000000-DepositDailyTotals';

// Every migration, in timestamp order. Reviewed by a human before commit (STYLE.md D6).
export const MIGRATIONS = [
  Initial1795712836587,
  InboundSmsBalanceChain1795721100000,
  AccountPreviousNumber1795722000000,
  CallbackEndpoints1795723000000,
  ReportingIndexes1795724000000,
  ReportingFilterIndexes1795724100000,
  SmsPartsPending1795726000000,
  DepositDailyTotals1795727000000,
];
