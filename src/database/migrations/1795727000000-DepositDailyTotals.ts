import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merchant reporting (issue 7), third step after measuring (`npm run bench -- reporting`): the two
 * list totals that still scanned a whole history.
 *
 * `deposit_daily_totals` holds the count and sum of live deposits per merchant, KST day, account,
 * bank, status and verdict. Row triggers on `deposits` (insert, update of any of those columns, the
 * amount or `deleted_at`, delete) append the change as a delta row to `deposit_daily_total_changes`
 * in the same transaction; truncate empties both. Appending never waits on another writer: an
 * upsert of the shared total would hold its row lock until commit and so queue every deposit of an
 * account and day behind the slowest open transaction. `deposit_daily_totals_compact()` (called
 * every few seconds by DepositTotalsService, one caller at a time) moves the committed deltas into
 * the totals in one statement. A total is the sum over both tables in one snapshot, hence exact at
 * any time. A list total whose filters are all among those columns sums a few thousand rows instead
 * of counting 150,000. No entities: only these functions write the tables, one repository query
 * reads them.
 *
 * `ix_deposits_name` keys the depositor name without spaces per merchant: a 1–2 character name
 * (no trigram) walks the merchant's distinct names (a skip scan) and counts only the matching ones,
 * index-only. Declared `synchronize: false` in DepositEntity.
 */
export class DepositDailyTotals1795727000000 implements MigrationInterface {
  name = 'DepositDailyTotals1795727000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // No write may land between the backfill and the triggers taking over.
    await queryRunner.query(`LOCK TABLE "deposits" IN SHARE ROW EXCLUSIVE MODE`);
    await queryRunner.query(
      `CREATE TABLE "deposit_daily_totals" ("merchant_id" uuid NOT NULL, "day" date NOT NULL, "account_id" uuid NOT NULL, "bank_code" character(3) NOT NULL, "status" character varying(12) NOT NULL, "verdict" character varying(12) NOT NULL, "deposits" bigint NOT NULL, "amount" bigint NOT NULL, CONSTRAINT "pk_deposit_daily_totals" PRIMARY KEY ("merchant_id", "day", "account_id", "bank_code", "status", "verdict"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "deposit_daily_total_changes" ("merchant_id" uuid NOT NULL, "day" date NOT NULL, "account_id" uuid NOT NULL, "bank_code" character(3) NOT NULL, "status" character varying(12) NOT NULL, "verdict" character varying(12) NOT NULL, "deposits" integer NOT NULL, "amount" bigint NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deposit_daily_total_changes" ON "deposit_daily_total_changes" ("merchant_id", "day")`,
    );
    // KST is UTC+9 without daylight saving, as src/common/clock.ts computes it.
    await queryRunner.query(`
      CREATE FUNCTION deposit_daily_totals_add(d deposits, delta integer) RETURNS void LANGUAGE sql AS $$
        INSERT INTO deposit_daily_total_changes
               (merchant_id, day, account_id, bank_code, status, verdict, deposits, amount)
        VALUES (d.merchant_id, ((d.deposited_at AT TIME ZONE 'UTC') + interval '9 hours')::date,
                d.account_id, d.bank_code, d.status, d.verdict, delta, delta * d.amount)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION deposit_daily_totals_track() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          IF OLD.deleted_at IS NULL THEN PERFORM deposit_daily_totals_add(OLD, -1); END IF;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          IF NEW.deleted_at IS NULL THEN PERFORM deposit_daily_totals_add(NEW, 1); END IF;
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION deposit_daily_totals_clear() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM deposit_daily_total_changes;
        DELETE FROM deposit_daily_totals;
        RETURN NULL;
      END
      $$`);
    // Committed deltas into the totals; uncommitted ones stay for a later call. Sorted upserts by
    // one caller at a time (the others return 0 at once), so compactions never deadlock.
    await queryRunner.query(`
      CREATE FUNCTION deposit_daily_totals_compact() RETURNS bigint LANGUAGE plpgsql AS $$
      DECLARE
        moved bigint;
      BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtext('deposit_daily_totals_compact')) THEN
          RETURN 0;
        END IF;
        WITH taken AS (DELETE FROM deposit_daily_total_changes RETURNING *),
             merged AS (
               INSERT INTO deposit_daily_totals AS t
                      (merchant_id, day, account_id, bank_code, status, verdict, deposits, amount)
               SELECT merchant_id, day, account_id, bank_code, status, verdict, sum(deposits), sum(amount)
                 FROM taken
                GROUP BY merchant_id, day, account_id, bank_code, status, verdict
                ORDER BY merchant_id, day, account_id, bank_code, status, verdict
               ON CONFLICT (merchant_id, day, account_id, bank_code, status, verdict)
               DO UPDATE SET deposits = t.deposits + EXCLUDED.deposits, amount = t.amount + EXCLUDED.amount
               RETURNING 1)
        SELECT count(*) INTO moved FROM taken;
        RETURN moved;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "deposit_daily_totals_insert" AFTER INSERT ON "deposits" FOR EACH ROW WHEN (NEW.deleted_at IS NULL) EXECUTE FUNCTION deposit_daily_totals_track()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "deposit_daily_totals_update" AFTER UPDATE OF merchant_id, account_id, bank_code, deposited_at, status, verdict, amount, deleted_at ON "deposits" FOR EACH ROW WHEN ((OLD.merchant_id, OLD.account_id, OLD.bank_code, OLD.deposited_at, OLD.status, OLD.verdict, OLD.amount, OLD.deleted_at IS NULL) IS DISTINCT FROM (NEW.merchant_id, NEW.account_id, NEW.bank_code, NEW.deposited_at, NEW.status, NEW.verdict, NEW.amount, NEW.deleted_at IS NULL)) EXECUTE FUNCTION deposit_daily_totals_track()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "deposit_daily_totals_delete" AFTER DELETE ON "deposits" FOR EACH ROW WHEN (OLD.deleted_at IS NULL) EXECUTE FUNCTION deposit_daily_totals_track()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "deposit_daily_totals_truncate" AFTER TRUNCATE ON "deposits" FOR EACH STATEMENT EXECUTE FUNCTION deposit_daily_totals_clear()`,
    );
    await queryRunner.query(`
      INSERT INTO deposit_daily_totals (merchant_id, day, account_id, bank_code, status, verdict, deposits, amount)
      SELECT merchant_id, ((deposited_at AT TIME ZONE 'UTC') + interval '9 hours')::date AS day,
             account_id, bank_code, status, verdict, count(*), sum(amount)
        FROM deposits WHERE deleted_at IS NULL
       GROUP BY 1, 2, 3, 4, 5, 6`);
    await queryRunner.query(`ANALYZE "deposit_daily_totals"`);
    await queryRunner.query(
      `CREATE INDEX "ix_deposits_name" ON "deposits" ("merchant_id", (replace(depositor_name, ' ', ''))) INCLUDE ("depositor_name", "deposited_at", "account_id", "bank_code", "status", "verdict", "amount") WHERE deleted_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_deposits_name"`);
    await queryRunner.query(`DROP TRIGGER "deposit_daily_totals_truncate" ON "deposits"`);
    await queryRunner.query(`DROP TRIGGER "deposit_daily_totals_delete" ON "deposits"`);
    await queryRunner.query(`DROP TRIGGER "deposit_daily_totals_update" ON "deposits"`);
    await queryRunner.query(`DROP TRIGGER "deposit_daily_totals_insert" ON "deposits"`);
    await queryRunner.query(`DROP FUNCTION deposit_daily_totals_compact()`);
    await queryRunner.query(`DROP FUNCTION deposit_daily_totals_clear()`);
    await queryRunner.query(`DROP FUNCTION deposit_daily_totals_track()`);
    await queryRunner.query(`DROP FUNCTION deposit_daily_totals_add(deposits, integer)`);
    await queryRunner.query(`DROP TABLE "deposit_daily_total_changes"`);
    await queryRunner.query(`DROP TABLE "deposit_daily_totals"`);
  }
}
