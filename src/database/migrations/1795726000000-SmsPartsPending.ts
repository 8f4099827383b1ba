import { MigrationInterface, QueryRunner } from 'typeorm';

export class SmsPartsPending1795726000000 implements MigrationInterface {
  name = 'SmsPartsPending1795726000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_sms_parts_pending" ON "sms_parts" ("multipart_key", "received_at") WHERE inbound_sms_id IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_sms_parts_pending"`);
  }
}
