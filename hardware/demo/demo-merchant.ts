import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** The demo's merchant endpoint: logs every callback it receives and answers `OK`. */
export async function startDemoMerchant(
  port: number,
  log: (line: string) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = url.searchParams;
    log(
      `[merchant] ${p.get('tid')}  ${p.get('bank_name')}  ${p.get('name')}  ${Number(p.get('price')).toLocaleString('ko-KR')}원  attempt ${p.get('attempt')}  verdict ${p.get('verdict')}`,
    );
    res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/payments/bank-callback`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
