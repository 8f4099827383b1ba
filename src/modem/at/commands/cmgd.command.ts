import { AtCommand } from 'src/modem/at/at-command';

/** Deletes ONE index. Never `AT+CMGD=1,4` (delete-all would also wipe messages never read). Not idempotent-safe: indices are reused. */
export function deleteMessageCommand(index: number): AtCommand {
  if (!Number.isInteger(index) || index < 0) {
    throw new RangeError(`invalid storage index ${index}`);
  }
  return { text: `AT+CMGD=${index}`, timeoutFactor: 2, idempotent: false };
}
