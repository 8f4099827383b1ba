import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The balance chain of issue 4: each transaction SMS keeps the account it was attributed to, its
 * amount, its stated balance and when it happened, so a deposit's balance can be checked against
 * the previous one. Partial index: only balance-bearing rows are ever looked up.
 */
export class InboundSmsBalanceChain1795721100000 implements MigrationInterface {
  name = 'InboundSmsBalanceChain1795721100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbound_sms" ADD "account_id" uuid`);
    await queryRunner.query(`ALTER TABLE "inbound_sms" ADD "amount" bigint`);
    await queryRunner.query(`ALTER TABLE "inbound_sms" ADD "balance" bigint`);
    await queryRunner.query(`ALTER TABLE "inbound_sms" ADD "occurred_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_sms_balance_chain" ON "inbound_sms" ("account_id", "occurred_at", "received_at") WHERE balance IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_sms_balance_chain"`);
    await queryRunner.query(`ALTER TABLE "inbound_sms" DROP COLUMN "occurred_at"`);
    await queryRunner.query(`ALTER TABLE "inbound_sms" DROP COLUMN "balance"`);
    await queryRunner.query(`ALTER TABLE "inbound_sms" DROP COLUMN "amount"`);
    await queryRunner.query(`ALTER TABLE "inbound_sms" DROP COLUMN "account_id"`);
  }
}
