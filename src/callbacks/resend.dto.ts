import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { RESEND_MAX } from 'src/callbacks/callback-resend.service';

export const RESENDABLE_STATUSES = ['no_response', 'expired'] as const;

/** `{tids}` or `{status, since}`: a selection, or every deposit of a status recorded since a time. */
export class BulkResendDto {
  @ApiPropertyOptional({ type: [String], example: ['141218182288692'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RESEND_MAX)
  @Matches(/^\d{15}$/, { each: true, message: 'tids must be 15-digit tids' })
  tids?: string[];

  @ApiPropertyOptional({ enum: RESENDABLE_STATUSES })
  @IsOptional()
  @IsIn(RESENDABLE_STATUSES, { message: `status must be one of ${RESENDABLE_STATUSES.join(', ')}` })
  status?: (typeof RESENDABLE_STATUSES)[number];

  @ApiPropertyOptional({ example: '2026-07-01T00:00:00+09:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 time' })
  since?: string;
}
