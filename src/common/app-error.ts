/**
 * Base of every domain error. Codes come from numbered ranges so logs and the HTTP filter can
 * tell families apart without instanceof chains: transport 100s, AT 200s, SIM/network 300s,
 * SMS 400s, banks 500s, merchants/accounts/numbers 600s, deposits/callbacks 700s, config 800s.
 */
export enum ErrorCode {
  // transport
  TransportOpenFailed = 101,
  TransportClosed = 102,
  TransportWriteFailed = 103,
  // AT engine
  AtTimeout = 201,
  AtError = 202,
  AtCmeError = 203,
  AtCmsError = 204,
  AtEngineClosed = 205,
  AtUnexpectedResponse = 206,
  // SIM / network
  SimNotReady = 301,
  SimIdentityUnknown = 302,
  StorageFull = 303,
  // SMS
  PduDecodeFailed = 401,
  // banks
  BankParseFailed = 501,
  // merchants / accounts / numbers
  NotFound = 601,
  Conflict = 602,
  NoNotificationNumber = 603,
  Validation = 604,
  Unauthorized = 605,
  Unprocessable = 606,
  // deposits / callbacks
  CallbackFailed = 701,
  CallbackPermanentFailure = 702,
  CallbackUrlRejected = 703,
  // config
  InvalidConfig = 801,
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Structured context for logs: which modem, command, SMS, merchant … never secrets. */
    readonly context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, context: Record<string, unknown> = {}) {
    super(ErrorCode.NotFound, `${what} not found`, context);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(ErrorCode.Conflict, message, context);
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(ErrorCode.Validation, `${field}: ${message}`, { field });
  }
}

export class UnprocessableError extends AppError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(ErrorCode.Unprocessable, message, context);
  }
}
