import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merchant reporting (issue 7), second step after measuring (`npm run bench -- reporting`): over a
 * merchant's whole history the list's total scans every live row unless the filter has an index
 * of its own. Status and bank lead their own covering index (newest first, like the list); the
 * few suspicious deposits have a partial index; an amount range scans only the matching amounts;
 * a depositor name of 3 or more characters is found through trigrams of the name without spaces
 * (pg_trgm, a trusted extension the database owner may create). All partial on live rows, all
 * `synchronize: false` in DepositEntity.
 */
export class ReportingFilterIndexes1795724100000 implements MigrationInterface {
  name = 'ReportingFilterIndexes1795724100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "ix_deposits_status_list" ON "deposits" ("merchant_id", "status", "deposited_at" DESC, "id" DESC) INCLUDE ("account_id", "bank_code", "verdict", "amount", "depositor_name") WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deposits_bank_list" ON "deposits" ("merchant_id", "bank_code", "deposited_at" DESC, "id" DESC) INCLUDE ("account_id", "status", "verdict", "amount", "depositor_name") WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deposits_suspicious" ON "deposits" ("merchant_id", "deposited_at" DESC, "id" DESC) WHERE deleted_at IS NULL AND verdict = 'suspicious'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deposits_amount" ON "deposits" ("merchant_id", "amount") INCLUDE ("deposited_at", "account_id", "bank_code", "status", "verdict") WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deposits_name_trgm" ON "deposits" USING gin ((replace(depositor_name, ' ', '')) gin_trgm_ops) WHERE deleted_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_deposits_name_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deposits_amount"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deposits_suspicious"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deposits_bank_list"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deposits_status_list"`);
  }
}
