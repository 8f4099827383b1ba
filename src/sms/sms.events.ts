/** Emitted after the InboundSms row is committed (and so after it may be deleted from the SIM). */
export const SMS_RECEIVED = 'sms.received';

export interface SmsReceived {
  inboundSmsId: string;
}
