import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CALLBACK_FORMATS, CHARSETS } from 'src/accounts/bank-account.entity';
import type { CallbackFormat, Charset } from 'src/accounts/bank-account.entity';

export class CreateAccountDto {
  @IsString()
  @Matches(/^\d{3}$/, { message: 'bankCode must be a 3-digit bank code (see GET /api/v1/banks)' })
  bankCode: string;

  @IsString()
  @Matches(/^[\d\s-]+$/, { message: 'accountNumber must contain only digits, hyphens and spaces' })
  accountNumber: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  holder?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  memo?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  callbackUrl: string;

  @IsIn(CHARSETS, { message: 'charset must be UTF-8 or EUC-KR' })
  charset: Charset;

  @IsOptional()
  @IsIn(CALLBACK_FORMATS, { message: 'callbackFormat must be query or json' })
  callbackFormat?: CallbackFormat;
}

export class UpdateAccountDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  holder?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  memo?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  callbackUrl?: string;

  @IsOptional()
  @IsIn(CHARSETS, { message: 'charset must be UTF-8 or EUC-KR' })
  charset?: Charset;

  @IsOptional()
  @IsIn(CALLBACK_FORMATS, { message: 'callbackFormat must be query or json' })
  callbackFormat?: CallbackFormat;
}
