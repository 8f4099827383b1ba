import { IsBoolean, IsInt, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';

export class UpdateSimDto {
  /** For SIMs whose own number the modem cannot read (CNUM empty). null clears it. */
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @Matches(/^(\+82-?|0)1\d[- ]?\d{3,4}[- ]?\d{4}$/, {
    message: 'phoneNumber must be a Korean mobile number like 010-1234-5678',
  })
  phoneNumber?: string | null;

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  /** null = the configured default. */
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  capacity?: number | null;
}
