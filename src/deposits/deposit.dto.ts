import { IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQueryDto } from 'src/api/dto/page-query.dto';
import { DEPOSIT_PRESETS, type DepositPreset } from 'src/deposits/deposit-filter';
import type { DepositStatus, DepositVerdict } from 'src/deposits/deposit.entity';

export const DEPOSIT_STATUSES: DepositStatus[] = ['sending', 'success', 'no_response', 'expired'];
export const DEPOSIT_VERDICTS: DepositVerdict[] = ['verified', 'suspicious'];
/** The page sizes the 입금통보리스트 offers. */
export const DEPOSIT_PAGE_SIZES = [10, 20, 50, 100];
export const MAX_BULK_DELETE = 1000;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Bank, account and status: the filters statistics share with the list. */
export class DepositBaseFilterDto {
  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'bankCode must be a 3-digit bank code' })
  bankCode?: string;

  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsOptional()
  @IsIn(DEPOSIT_STATUSES, { message: `status must be one of ${DEPOSIT_STATUSES.join(', ')}` })
  status?: DepositStatus;
}

/** Every filter of the list, also taken by the export. */
export class DepositFilterDto extends DepositBaseFilterDto {
  /** First KST calendar day, inclusive. */
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  /** Last KST calendar day, inclusive. */
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  /** KST days ending today: today, yesterday, 7d, 15d, 30d, 90d. */
  @IsOptional()
  @IsIn(DEPOSIT_PRESETS, { message: `preset must be one of ${DEPOSIT_PRESETS.join(', ')}` })
  preset?: DepositPreset;

  /** A KST calendar month. */
  @IsOptional()
  @Matches(MONTH, { message: 'month must be a month YYYY-MM' })
  month?: string;

  /** Part of the depositor name; spaces are ignored on both sides. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @Matches(/^\d{15}$/, { message: 'tid must be 15 digits' })
  tid?: string;

  @IsOptional()
  @IsIn(DEPOSIT_VERDICTS, { message: `verdict must be one of ${DEPOSIT_VERDICTS.join(', ')}` })
  verdict?: DepositVerdict;

  /** Smallest amount in KRW, inclusive. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minAmount?: number;

  /** Largest amount in KRW, inclusive. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  maxAmount?: number;
}

/** The list: every filter, `page` as everywhere, `pageSize` limited to the sizes the page offers. */
export class DepositQueryDto extends IntersectionType(DepositFilterDto, PageQueryDto) {
  @IsOptional()
  @Type(() => Number)
  @IsIn(DEPOSIT_PAGE_SIZES, { message: `pageSize must be one of ${DEPOSIT_PAGE_SIZES.join(', ')}` })
  override pageSize: number = 10;

  /** Feed mode: deposits new since this cursor (`0` = from the first), oldest first. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  since?: string;

  /** Feed mode: at most this many deposits (1–1000, default 100). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class DeleteDepositsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_DELETE)
  @Matches(/^\d{15}$/, { each: true, message: 'tids must be 15-digit tids' })
  tids: string[];
}
