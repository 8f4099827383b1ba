import { AppError, ErrorCode } from 'src/common/app-error';

/** How much of a PDU goes into logs: enough to identify SMSC/first octet/sender, not the body. */
const PDU_HEAD_CHARS = 40;

/**
 * The only error `decodePdu` lets out. Inner decoders throw it without a head; `decodePdu`
 * re-throws with `pduHead` so the caller never has to guess the exception type.
 */
export class PduDecodeError extends AppError {
  constructor(message: string, context: { pduHead?: string } = {}, options?: { cause?: unknown }) {
    super(ErrorCode.PduDecodeFailed, message, context, options);
  }

  static wrap(err: unknown, input: unknown): PduDecodeError {
    const pduHead = typeof input === 'string' ? input.slice(0, PDU_HEAD_CHARS) : `<${typeof input}>`;
    const message = err instanceof Error ? err.message : String(err);
    return new PduDecodeError(message, { pduHead }, { cause: err });
  }
}
