import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench [-- <name>...]`: runs every `test/bench/<name>.bench.ts` (or the ones named), one
 * after the other so they do not disturb each other's figures. Each bench prints its own results.
 */
export interface Bench {
  description: string;
  run(): Promise<void>;
}

async function main(names: string[]): Promise<void> {
  const available = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts'))
    .map((file) => file.replace(/\.bench\.ts$/, ''))
    .sort();
  const selected = names.length > 0 ? names : available;
  for (const name of selected) {
    if (!available.includes(name)) throw new Error(`no bench named ${name} (have: ${available.join(', ')})`);
    const bench = (await import(join(__dirname, `${name}.bench.ts`))) as { default: Bench };
    process.stdout.write(`\n=== ${name}: ${bench.default.description}\n`);
    await bench.default.run();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
