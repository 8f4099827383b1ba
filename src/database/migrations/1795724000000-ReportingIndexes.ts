import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merchant reporting (issue 7): the `since` feed's commit-order column and indexes that keep the
 * deposit list, its totals, statistics and export on index-only scans over live rows. The three
 * indexes are declared `synchronize: false` in DepositEntity (INCLUDE and DESC keys are beyond
 * TypeORM), the column exactly as TypeORM generates it. `ix_deposits_list` replaces
 * `ix_deposits_merchant_deposited_at`, whose every reader also filters `deleted_at IS NULL`.
 */
export class ReportingIndexes1795724000000 implements MigrationInterface {
  name = 'ReportingIndexes1795724000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "deposits" ADD "created_xid" bigint NOT NULL DEFAULT txid_current()`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_deposits_merchant_deposited_at"`);
    await queryRunner.query(
      `CREATE INDEX "ix_deposits_list" ON "deposits" ("merchant_id", "deposited_at" DESC, "id" DESC) INCLUDE ("account_id", "bank_code", "status", "verdict", "amount", "depositor_name") WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deposits_account_list" ON "deposits" ("account_id", "deposited_at" DESC, "id" DESC) INCLUDE ("merchant_id", "bank_code", "status", "verdict", "amount", "depositor_name") WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deposits_feed" ON "deposits" ("merchant_id", "created_xid", "id") WHERE deleted_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_deposits_feed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deposits_account_list"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deposits_list"`);
    await queryRunner.query(
      `CREATE INDEX "ix_deposits_merchant_deposited_at" ON "deposits" ("merchant_id", "deposited_at") `,
    );
    await queryRunner.query(`ALTER TABLE "deposits" DROP COLUMN "created_xid"`);
  }
}
