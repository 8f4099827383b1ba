import { ValidationError } from 'src/common/app-error';

/**
 * Position in a merchant's `since` feed: the (transaction id, deposit id) of the last deposit
 * handed out. Opaque to merchants (base64url); `0` is the position before the first deposit.
 */
export interface FeedPosition {
  xid: string;
  id: string;
}

export const FEED_START: FeedPosition = { xid: '0', id: '0' };

export function encodeCursor(position: FeedPosition): string {
  return Buffer.from(`${position.xid}.${position.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): FeedPosition {
  if (cursor === '0') return FEED_START;
  const match = /^(\d{1,19})\.(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!match) throw new ValidationError('since', 'is not a cursor this gateway issued (start with 0)');
  return { xid: match[1], id: match[2] };
}
