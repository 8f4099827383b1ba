import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from 'src/api/dto/page-query.dto';
import type { InboundSmsStatus } from 'src/sms/inbound-sms.entity';

export const INBOUND_SMS_STATUSES: InboundSmsStatus[] = [
  'received',
  'deposit',
  'withdrawal',
  'verification',
  'other',
  'unparsed',
  'unknown_sender',
  'unattributed',
  'undecodable',
];

export class InboundSmsQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(INBOUND_SMS_STATUSES, { message: `status must be one of ${INBOUND_SMS_STATUSES.join(', ')}` })
  status?: InboundSmsStatus;

  @IsOptional()
  @IsUUID()
  simId?: string;

  /** An instant or a KST day (YYYY-MM-DD). */
  @IsOptional()
  @IsISO8601({}, { message: 'from must be a date or date-time' })
  from?: string;

  @IsOptional()
  @IsISO8601({}, { message: 'to must be a date or date-time' })
  to?: string;
}
