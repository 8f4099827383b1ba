import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-account callback endpoint health: failing since, paused (CALLBACK_PAUSE_AFTER_DAYS) and why. */
export class CallbackEndpoints1795723000000 implements MigrationInterface {
  name = 'CallbackEndpoints1795723000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "callback_endpoints" ("account_id" uuid NOT NULL, "failing_since" TIMESTAMP WITH TIME ZONE, "last_failure_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "paused_at" TIMESTAMP WITH TIME ZONE, "pause_reason" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5743295a653d10d952e1cdd82c1" PRIMARY KEY ("account_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "callback_endpoints" ADD CONSTRAINT "FK_5743295a653d10d952e1cdd82c1" FOREIGN KEY ("account_id") REFERENCES "bank_accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "callback_endpoints" DROP CONSTRAINT "FK_5743295a653d10d952e1cdd82c1"`,
    );
    await queryRunner.query(`DROP TABLE "callback_endpoints"`);
  }
}
