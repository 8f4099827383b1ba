import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

export class CreateMerchantDto {
  @ApiProperty({ example: '우리가게' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: '이용기간: last KST day of service', example: '2027-12-31' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'serviceUntil must be a date YYYY-MM-DD' })
  serviceUntil?: string;
}

export class UpdateMerchantDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  /** null clears the limit. */
  @ApiPropertyOptional({ nullable: true, example: '2027-12-31' })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'serviceUntil must be a date YYYY-MM-DD or null' })
  serviceUntil?: string | null;
}

export class RotateCallbackSecretDto {
  /** Hours both the new and the previous secret sign callbacks; default 24, 0 = the old one stops now. */
  @ApiPropertyOptional({ minimum: 0, maximum: 720, default: 24 })
  @IsOptional()
  @IsInt({ message: 'graceHours must be a whole number of hours' })
  @Min(0)
  @Max(720)
  graceHours?: number;
}
