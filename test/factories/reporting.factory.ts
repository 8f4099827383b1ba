import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestDatabase, startTestGateway, TestGateway } from 'test/utils/test-gateway';

export interface ReportingGateway {
  gateway: TestGateway;
  dataSource: DataSource;
  /** GET a merchant endpoint and return its JSON body, expecting `status`. */
  get<T>(path: string, auth: { Authorization: string }, status?: number): Promise<T>;
  close(): Promise<void>;
}

/** The gateway without modems on a database of its own, for reporting tests that seed rows in SQL. */
export async function startReportingGateway(env: Record<string, string> = {}): Promise<ReportingGateway> {
  const database = await createTestDatabase();
  const gateway = await startTestGateway({ databaseUrl: database.url, env });
  return {
    gateway,
    dataSource: gateway.app.get(DataSource),
    get: async <T>(path: string, auth: { Authorization: string }, status = 200) =>
      (await request(gateway.url).get(path).set(auth).expect(status)).body as T,
    close: async () => {
      await gateway.close();
      await database.drop();
    },
  };
}
