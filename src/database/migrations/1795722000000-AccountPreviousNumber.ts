import { MigrationInterface, QueryRunner } from 'typeorm';

/** An account moved off a SIM (operator evacuation) keeps the number it had, for the merchant to see. */
export class AccountPreviousNumber1795722000000 implements MigrationInterface {
  name = 'AccountPreviousNumber1795722000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bank_accounts" ADD "previous_phone_number" character varying(16)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bank_accounts" DROP COLUMN "previous_phone_number"`);
  }
}
