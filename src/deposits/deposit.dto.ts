import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from 'src/api/dto/page-query.dto';
import type { DepositStatus } from 'src/deposits/deposit.entity';

export const DEPOSIT_STATUSES: DepositStatus[] = ['sending', 'success', 'no_response', 'expired'];
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class DepositQueryDto extends PageQueryDto {
  /** First KST calendar day, inclusive. */
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  /** Last KST calendar day, inclusive. */
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'bankCode must be a 3-digit bank code' })
  bankCode?: string;

  @IsOptional()
  @IsUUID()
  accountId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @Matches(/^\d{15}$/, { message: 'tid must be 15 digits' })
  tid?: string;

  @IsOptional()
  @IsIn(DEPOSIT_STATUSES, { message: `status must be one of ${DEPOSIT_STATUSES.join(', ')}` })
  status?: DepositStatus;
}
