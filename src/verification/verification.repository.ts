import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type VerificationMessageKind = 'verification' | 'one_won_deposit';

export interface VerificationMessage {
  receivedAt: Date;
  sender: string;
  text: string;
  /** The code as the parser extracted it: digits after 인증번호 …, or a 1원 deposit's name line. */
  code: string | null;
  kind: VerificationMessageKind;
}

/** Reads what the sms/ and deposits/ stages stored; owns no table. */
@Injectable()
export class VerificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Verification SMS on the SIM from one of the bank's official numbers, plus 1원 deposits
   * attributed to the account (their name line carries the code), newest first.
   */
  async messagesFor(query: {
    accountId: string;
    simId: string | null;
    officialSenders: string[];
    since: Date;
  }): Promise<VerificationMessage[]> {
    const rows: {
      received_at: Date;
      sender: string;
      text: string;
      code: string | null;
      kind: VerificationMessageKind;
    }[] = await this.dataSource.query(
      `SELECT s.received_at, s.sender, s.text, s.parsed->>'code' AS code, 'verification' AS kind
           FROM inbound_sms s
          WHERE $2::uuid IS NOT NULL AND s.sim_id = $2 AND s.status = 'verification'
            AND s.sender = ANY($3::varchar[]) AND s.received_at >= $4
         UNION ALL
         SELECT s.received_at, s.sender, s.text, s.parsed->>'code' AS code, 'one_won_deposit' AS kind
           FROM deposits d JOIN inbound_sms s ON s.id = d.inbound_sms_id
          WHERE d.account_id = $1 AND d.amount = 1 AND d.deleted_at IS NULL AND s.received_at >= $4
          ORDER BY received_at DESC
          LIMIT 200`,
      [query.accountId, query.simId, query.officialSenders, query.since],
    );
    return rows.map((row) => ({
      receivedAt: row.received_at,
      sender: row.sender,
      text: row.text,
      code: row.code,
      kind: row.kind,
    }));
  }
}
