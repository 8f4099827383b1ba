import { UrcHandler } from 'src/modem/at/urc-router';

export type ModemProfileId = 'generic' | 'simcom' | 'quectel' | 'huawei' | 'sierra' | 'zte';

export interface UsbFingerprint {
  vendorId: string;
  /** Which USB interface carries the AT port that receives URCs (ttyUSB<n> order), when known. */
  atInterface?: number;
  note?: string;
}

/**
 * Typed per-vendor quirks, chosen from `AT+CGMI`/`AT+CGMM` after the generic handshake. Everything
 * vendor-specific lives here, not in the supervisor (MODEMS.md §5 lesson 14).
 */
export interface ModemProfile {
  id: ModemProfileId;
  name: string;
  matches(manufacturer: string | null, model: string | null): boolean;
  /** Sent after `ATE0`/`AT+CMEE=1`; an ERROR is logged and tolerated. */
  initCommands: readonly string[];
  /** ICCID commands in the order to try; the `+CRSM` EF_ICCID read is always last. */
  iccidCommands: readonly string[];
  /**
   * Soft reset, tried in order in the recovery ladder before the port is reopened (MODEMS.md §2.5:
   * gammu `AT+CFUN=1,1`, fallback `AT^SRESET`). The modem reboots; the reopen re-initialises it.
   */
  resetCommands: readonly string[];
  /** Extra URC handlers (placed before the defaults). */
  urcHandlers?: readonly UrcHandler[];
  usb?: readonly UsbFingerprint[];
  /** Boot banner this vendor prints; seeing it means the module restarted. */
  bootBanners?: readonly string[];
  notes?: string;
}
