/** Errors of the simulator's programmatic and HTTP API. */

export class UnknownModemError extends Error {
  constructor(readonly modemId: string) {
    super(`no simulated modem ${modemId}`);
    this.name = 'UnknownModemError';
  }
}

export class StorageFullError extends Error {
  readonly cmsError = 322;
  constructor(
    readonly modemId: string,
    /** indexes of the parts that still fitted */
    readonly stored: number[],
  ) {
    super(`storage of ${modemId} is full (+CMS ERROR: 322)`);
    this.name = 'StorageFullError';
  }
}
