import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

export class CreateMerchantDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'serviceUntil must be a date YYYY-MM-DD' })
  serviceUntil?: string;
}

export class UpdateMerchantDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  /** null clears the limit. */
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'serviceUntil must be a date YYYY-MM-DD or null' })
  serviceUntil?: string | null;
}
