import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795712836587 implements MigrationInterface {
  name = 'Initial1795712836587';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // tid = KST yyMMddHHmm + 5 digits; the 5 digits come from this cycling sequence and the unique
    // constraint on deposits.tid is the guard (a clash needs 100,000 deposits in one minute).
    await queryRunner.query(`CREATE SEQUENCE "deposit_tid_seq" MINVALUE 0 MAXVALUE 99999 START 0 CYCLE`);
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "merchant_id" uuid NOT NULL, "key_hash" character(64) NOT NULL, "key_prefix" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8261f83ab065c7bb551dd3f375" ON "api_keys" ("merchant_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_57384430aa1959f4578046c9b8" ON "api_keys" ("key_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "merchants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "service_until" date, "callback_secret" character varying(100) NOT NULL, "callback_secret_previous" character varying(100), "callback_secret_previous_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4fd312ef25f8e05ad47bfe7ed25" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sims" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "iccid" character varying(22) NOT NULL, "imsi" character varying(16), "phone_number" character varying(16), "modem_id" uuid, "enabled" boolean NOT NULL DEFAULT true, "capacity" integer, "last_seen_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_31906636c369c2cc4b97d928d2d" UNIQUE ("iccid"), CONSTRAINT "PK_65e3dc2c5d993ede14fdf9df1ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "bank_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "merchant_id" uuid NOT NULL, "bank_code" character(3) NOT NULL, "account_number" character varying(20) NOT NULL, "holder" character varying(100), "memo" character varying(200), "callback_url" character varying(2000) NOT NULL, "charset" character varying(10) NOT NULL, "callback_format" character varying(10) NOT NULL DEFAULT 'query', "sim_id" uuid, "number_assigned_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c872de764f2038224a013ff25ed" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_8da66ee6804a4a7204b8589540" ON "bank_accounts" ("merchant_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_bank_accounts_sim_bank" ON "bank_accounts" ("sim_id", "bank_code") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_bank_accounts_live" ON "bank_accounts" ("bank_code", "account_number") WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "inbound_sms" ("id" BIGSERIAL NOT NULL, "fingerprint" character(64) NOT NULL, "sim_id" uuid, "modem_port" character varying(300) NOT NULL, "sender" character varying(40) NOT NULL, "text" text NOT NULL, "pdus" text array NOT NULL, "dcs" smallint, "smsc_timestamp" TIMESTAMP WITH TIME ZONE, "smsc_tz_offset_minutes" smallint, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "incomplete" boolean NOT NULL DEFAULT false, "status" character varying(20) NOT NULL, "bank_code" character(3), "parsed" jsonb, "error" text, CONSTRAINT "UQ_10e088eb287de1c369e4314a1ff" UNIQUE ("fingerprint"), CONSTRAINT "PK_b0ee6eb44833577f1d2e11038f3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_sms_sim_received_at" ON "inbound_sms" ("sim_id", "received_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_sms_status_received_at" ON "inbound_sms" ("status", "received_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_inbound_sms_received_at" ON "inbound_sms" ("received_at") `);
    await queryRunner.query(
      `CREATE TABLE "deposits" ("id" BIGSERIAL NOT NULL, "tid" character(15) NOT NULL, "inbound_sms_id" bigint NOT NULL, "merchant_id" uuid NOT NULL, "account_id" uuid NOT NULL, "bank_code" character(3) NOT NULL, "amount" bigint NOT NULL, "depositor_name" character varying(100) NOT NULL, "balance" bigint, "deposited_at" TIMESTAMP WITH TIME ZONE NOT NULL, "verdict" character varying(12) NOT NULL, "verdict_reason" text, "status" character varying(12) NOT NULL, "attempts" smallint NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "sms_received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_b439b025af4ed8c41cdf272d11f" UNIQUE ("tid"), CONSTRAINT "UQ_6c70ee8c4a0720e5a3818ad752b" UNIQUE ("inbound_sms_id"), CONSTRAINT "PK_f49ba0cd446eaf7abb4953385d9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_30700d5468dfddac2054dbe9b2" ON "deposits" ("account_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_deposits_due" ON "deposits" ("next_attempt_at") WHERE status = 'sending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deposits_merchant_deposited_at" ON "deposits" ("merchant_id", "deposited_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "callback_attempts" ("id" BIGSERIAL NOT NULL, "deposit_id" bigint NOT NULL, "attempt" smallint, "manual" boolean NOT NULL DEFAULT false, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "success" boolean NOT NULL, "status_code" smallint, "latency_ms" integer NOT NULL, "response_snippet" character varying(400), "error" text, CONSTRAINT "PK_54a7640e4b97255357190733de7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_callback_attempts_deposit" ON "callback_attempts" ("deposit_id", "requested_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "modems" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "port" character varying(300) NOT NULL, "node_id" character varying(100) NOT NULL, "state" character varying(20) NOT NULL, "manufacturer" character varying(100), "model" character varying(100), "imei" character varying(20), "signal" integer, "registration" character varying(20), "operator" character varying(100), "storage_used" integer, "storage_total" integer, "sim_id" uuid, "last_seen_at" TIMESTAMP WITH TIME ZONE, "last_sms_at" TIMESTAMP WITH TIME ZONE, "last_error" text, CONSTRAINT "uq_modems_node_port" UNIQUE ("node_id", "port"), CONSTRAINT "PK_9ecfc03830854a4e8dbe6091eba" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sms_parts" ("id" BIGSERIAL NOT NULL, "fingerprint" character(64) NOT NULL, "multipart_key" character varying(200) NOT NULL, "sequence" smallint NOT NULL, "total" smallint NOT NULL, "pdu" text NOT NULL, "modem_port" character varying(300) NOT NULL, "sim_id" uuid, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "inbound_sms_id" bigint, CONSTRAINT "UQ_a3a218737813eda4c927dcb79e3" UNIQUE ("fingerprint"), CONSTRAINT "PK_afbb3801f60c0f0b9c34a8556dc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_sms_parts_key" ON "sms_parts" ("multipart_key") `);
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "FK_8261f83ab065c7bb551dd3f375a" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bank_accounts" ADD CONSTRAINT "FK_8da66ee6804a4a7204b85895404" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bank_accounts" ADD CONSTRAINT "FK_caac1846f0004708a9bbade56f1" FOREIGN KEY ("sim_id") REFERENCES "sims"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deposits" ADD CONSTRAINT "FK_6c70ee8c4a0720e5a3818ad752b" FOREIGN KEY ("inbound_sms_id") REFERENCES "inbound_sms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deposits" ADD CONSTRAINT "FK_d12bba736e2e2fe0185c2a16cd0" FOREIGN KEY ("merchant_id") REFERENCES "merchants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deposits" ADD CONSTRAINT "FK_30700d5468dfddac2054dbe9b27" FOREIGN KEY ("account_id") REFERENCES "bank_accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "callback_attempts" ADD CONSTRAINT "FK_7ce65754fa6db856bb0c1b7f6b7" FOREIGN KEY ("deposit_id") REFERENCES "deposits"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SEQUENCE "deposit_tid_seq"`);
    await queryRunner.query(
      `ALTER TABLE "callback_attempts" DROP CONSTRAINT "FK_7ce65754fa6db856bb0c1b7f6b7"`,
    );
    await queryRunner.query(`ALTER TABLE "deposits" DROP CONSTRAINT "FK_30700d5468dfddac2054dbe9b27"`);
    await queryRunner.query(`ALTER TABLE "deposits" DROP CONSTRAINT "FK_d12bba736e2e2fe0185c2a16cd0"`);
    await queryRunner.query(`ALTER TABLE "deposits" DROP CONSTRAINT "FK_6c70ee8c4a0720e5a3818ad752b"`);
    await queryRunner.query(`ALTER TABLE "bank_accounts" DROP CONSTRAINT "FK_caac1846f0004708a9bbade56f1"`);
    await queryRunner.query(`ALTER TABLE "bank_accounts" DROP CONSTRAINT "FK_8da66ee6804a4a7204b85895404"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "FK_8261f83ab065c7bb551dd3f375a"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sms_parts_key"`);
    await queryRunner.query(`DROP TABLE "sms_parts"`);
    await queryRunner.query(`DROP TABLE "modems"`);
    await queryRunner.query(`DROP INDEX "public"."ix_callback_attempts_deposit"`);
    await queryRunner.query(`DROP TABLE "callback_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deposits_merchant_deposited_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deposits_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_30700d5468dfddac2054dbe9b2"`);
    await queryRunner.query(`DROP TABLE "deposits"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_sms_received_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_sms_status_received_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_sms_sim_received_at"`);
    await queryRunner.query(`DROP TABLE "inbound_sms"`);
    await queryRunner.query(`DROP INDEX "public"."uq_bank_accounts_live"`);
    await queryRunner.query(`DROP INDEX "public"."ix_bank_accounts_sim_bank"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8da66ee6804a4a7204b8589540"`);
    await queryRunner.query(`DROP TABLE "bank_accounts"`);
    await queryRunner.query(`DROP TABLE "sims"`);
    await queryRunner.query(`DROP TABLE "merchants"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_57384430aa1959f4578046c9b8"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8261f83ab065c7bb551dd3f375"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
