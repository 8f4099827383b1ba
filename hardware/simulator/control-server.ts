/**
 * HTTP control API of the simulator, on 127.0.0.1 only. Errors are JSON
 * `{ statusCode, error, message }` like the gateway's API; a 400 names the offending field.
 *
 *   GET    /modems                      [{id, path, tcp, imei, iccid, imsi, phoneNumber, storage:{used,total}, unplugged}]
 *   GET    /modems/:id                  one of those
 *   POST   /modems/:id/sms              {sender, text, encoding?, smscTimestamp?} -> 201 {indexes}
 *   GET    /modems/:id/storage          {used, total, messages:[{index, status, length, pdu}]}
 *   DELETE /modems/:id/storage          empty the SIM
 *   GET    /modems/:id/log              [{at, dir, line}]   (?limit=N: the last N)
 *   GET    /modems/:id/faults           {hang, delayMs, dropCmti, storageFull, readError, sim}
 *   PATCH  /modems/:id/faults           same fields, partial
 *   POST   /modems/:id/unplug | replug | reboot
 *   POST   /modems/:id/garbage          {bytes?}
 *   POST   /modems/:id/urc              {lines:[...]}   write an unsolicited result as is
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import type { SimState } from 'hardware/simulator/modem-behaviour';
import {
  classifyAddress,
  encodeOriginatingAddress,
  isGsm7Encodable,
  SMS_ENCODINGS,
} from 'hardware/simulator/pdu-encoder';
import type { Simulator } from 'hardware/simulator/simulator';
import { StorageFullError, UnknownModemError } from 'hardware/simulator/simulator.errors';

const BODY_LIMIT = 64 * 1024;
const SIM_STATES: readonly SimState[] = ['READY', 'SIM PIN', 'NOT INSERTED', 'BUSY'];

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
  507: 'Insufficient Storage',
};

export class ControlServer {
  private server: Server | null = null;
  private port = 0;

  constructor(private readonly sim: Simulator) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(port: number, host = '127.0.0.1'): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => this.fail(res, err));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    this.port = address && typeof address === 'object' ? address.port : port;
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';

    if (parts.length === 1 && parts[0] === 'modems') {
      this.expect(method, 'GET');
      return this.send(
        res,
        200,
        this.sim.modems.map((m) => this.describe(m.id)),
      );
    }
    if (parts[0] !== 'modems' || parts.length < 2) {
      throw new HttpError(404, `no route ${method} ${url.pathname}`);
    }
    const id = parts[1];
    const modem = this.sim.modem(id); // 404 when unknown
    const action = parts.slice(2).join('/');

    switch (action) {
      case '':
        this.expect(method, 'GET');
        return this.send(res, 200, this.describe(id));
      case 'sms': {
        this.expect(method, 'POST');
        const body = await readJson(req);
        const sms = validateSms(body);
        const indexes = await this.sim.injectSms(id, sms);
        return this.send(res, 201, { indexes });
      }
      case 'storage':
        if (method === 'DELETE') {
          modem.storage.clear();
          return this.send(res, 200, { used: 0, total: modem.storage.total });
        }
        this.expect(method, 'GET');
        return this.send(res, 200, {
          used: modem.storage.used,
          total: modem.storage.total,
          messages: modem.storageSnapshot().map((m) => ({
            index: m.index,
            status: m.status,
            length: m.tpduLength,
            pdu: m.pdu,
          })),
        });
      case 'log': {
        this.expect(method, 'GET');
        const limit = Number(url.searchParams.get('limit') ?? '0');
        const log = this.sim.commandLog(id);
        return this.send(res, 200, limit > 0 ? log.slice(-limit) : log);
      }
      case 'faults':
        if (method === 'PATCH' || method === 'PUT') {
          const body = await readJson(req);
          return this.send(res, 200, this.sim.setFaults(id, validateFaults(body)));
        }
        this.expect(method, 'GET');
        return this.send(res, 200, { ...modem.faults, sim: modem.state.sim });
      case 'unplug':
        this.expect(method, 'POST');
        await this.sim.unplug(id);
        return this.send(res, 200, this.describe(id));
      case 'replug':
        this.expect(method, 'POST');
        await this.sim.replug(id);
        return this.send(res, 200, this.describe(id));
      case 'reboot':
        this.expect(method, 'POST');
        this.sim.reboot(id);
        return this.send(res, 200, this.describe(id));
      case 'garbage': {
        this.expect(method, 'POST');
        const body = await readJson(req, true);
        const bytes = body.bytes ?? 16;
        if (!Number.isInteger(bytes) || (bytes as number) < 1 || (bytes as number) > 4096) {
          throw new HttpError(400, 'bytes must be an integer between 1 and 4096');
        }
        modem.writeGarbage(bytes as number);
        return this.send(res, 200, { written: bytes });
      }
      case 'urc': {
        this.expect(method, 'POST');
        const body = await readJson(req);
        const lines = body.lines;
        if (!Array.isArray(lines) || lines.length === 0 || !lines.every((l) => typeof l === 'string')) {
          throw new HttpError(400, 'lines must be a non-empty array of strings');
        }
        modem.urc(...lines);
        return this.send(res, 200, { written: lines.length });
      }
      default:
        throw new HttpError(404, `no route ${method} ${url.pathname}`);
    }
  }

  private describe(id: string): Record<string, unknown> {
    const info = this.sim.info(id);
    const modem = this.sim.modem(id);
    return {
      id: info.id,
      path: info.path || null,
      tcp: info.tcpUrl,
      imei: info.imei,
      iccid: info.iccid,
      imsi: info.imsi,
      phoneNumber: info.phoneNumber,
      personality: modem.personality.name,
      storage: { used: modem.storage.used, total: modem.storage.total },
      unplugged: this.sim.isUnplugged(id),
    };
  }

  private expect(method: string, allowed: string): void {
    if (method !== allowed) {
      throw new HttpError(405, `use ${allowed}`);
    }
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    const json = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(json),
    });
    res.end(json);
  }

  private fail(res: ServerResponse, err: unknown): void {
    let status = 500;
    let message = err instanceof Error ? err.message : String(err);
    if (err instanceof HttpError) {
      status = err.statusCode;
    } else if (err instanceof UnknownModemError) {
      status = 404;
    } else if (err instanceof StorageFullError) {
      status = 507;
      message = `${err.message}; parts stored: [${err.stored.join(',')}]`;
    }
    if (!res.headersSent) {
      this.send(res, status, { statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message });
    } else {
      res.end();
    }
  }
}

async function readJson(req: IncomingMessage, allowEmpty = false): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) {
      throw new HttpError(413, 'body larger than 64 KiB');
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '' && allowEmpty) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body must be a JSON object');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function validateSms(body: Record<string, unknown>): {
  sender: string;
  text: string;
  encoding?: 'ucs2' | 'ksc5601' | 'gsm7';
  smscTimestamp?: Date;
} {
  const { sender, text, encoding, smscTimestamp } = body;
  if (typeof sender !== 'string' || sender.trim() === '') {
    throw new HttpError(400, 'sender must be a non-empty string');
  }
  try {
    encodeOriginatingAddress(sender, classifyAddress(sender));
  } catch (err) {
    throw new HttpError(400, `sender is not a valid address: ${(err as Error).message}`);
  }
  if (typeof text !== 'string') {
    throw new HttpError(400, 'text must be a string');
  }
  if (text.length > 10_000) {
    throw new HttpError(400, 'text must be at most 10000 characters');
  }
  if (
    encoding !== undefined &&
    (typeof encoding !== 'string' || !SMS_ENCODINGS.includes(encoding as never))
  ) {
    throw new HttpError(400, `encoding must be one of ${SMS_ENCODINGS.join(', ')}`);
  }
  if (encoding === 'gsm7' && !isGsm7Encodable(text)) {
    throw new HttpError(400, 'text holds characters outside the GSM 7-bit alphabet (encoding gsm7)');
  }
  let timestamp: Date | undefined;
  if (smscTimestamp !== undefined) {
    timestamp = typeof smscTimestamp === 'string' ? new Date(smscTimestamp) : new Date(NaN);
    if (Number.isNaN(timestamp.getTime())) {
      throw new HttpError(400, 'smscTimestamp must be an ISO 8601 date string');
    }
  }
  return {
    sender,
    text,
    encoding: encoding as 'ucs2' | 'ksc5601' | 'gsm7' | undefined,
    smscTimestamp: timestamp,
  };
}

function validateFaults(body: Record<string, unknown>): {
  hang?: boolean;
  delayMs?: number;
  dropCmti?: number;
  storageFull?: boolean;
  readError?: number;
  sim?: SimState;
} {
  const out: ReturnType<typeof validateFaults> = {};
  for (const key of Object.keys(body)) {
    const v = body[key];
    switch (key) {
      case 'hang':
      case 'storageFull':
        if (typeof v !== 'boolean') {
          throw new HttpError(400, `${key} must be a boolean`);
        }
        out[key] = v;
        break;
      case 'delayMs':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 600_000) {
          throw new HttpError(400, 'delayMs must be an integer between 0 and 600000');
        }
        out.delayMs = v;
        break;
      case 'dropCmti':
        if (typeof v === 'boolean') {
          out.dropCmti = v ? -1 : 0;
        } else if (typeof v === 'number' && Number.isInteger(v) && v >= -1) {
          out.dropCmti = v;
        } else {
          throw new HttpError(400, 'dropCmti must be a boolean or an integer >= -1');
        }
        break;
      case 'readError':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 999) {
          throw new HttpError(400, 'readError must be an integer between 0 and 999 (0 = off)');
        }
        out.readError = v;
        break;
      case 'sim':
        if (typeof v !== 'string' || !SIM_STATES.includes(v as SimState)) {
          throw new HttpError(400, `sim must be one of ${SIM_STATES.join(', ')}`);
        }
        out.sim = v as SimState;
        break;
      default:
        throw new HttpError(
          400,
          `${key} is not a fault (hang, delayMs, dropCmti, storageFull, readError, sim)`,
        );
    }
  }
  return out;
}
