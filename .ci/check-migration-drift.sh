#!/usr/bin/env bash
# Fails when the entities describe a schema the migrations do not create (STYLE.md D6): runs every
# migration on a scratch database, then asks TypeORM whether it would generate anything.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ipgeum}
db="ipgeum_drift_$$"
url="${base%/*}/$db"
admin="${base%/*}/postgres"
node -e "const {Client}=require('pg');(async()=>{const c=new Client({connectionString:process.argv[1]});await c.connect();await c.query('CREATE DATABASE \"$db\"');await c.end()})().catch(e=>{console.error(e.message);process.exit(1)})" "$admin"
cleanup() { node -e "const {Client}=require('pg');(async()=>{const c=new Client({connectionString:process.argv[1]});await c.connect();await c.query('DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)');await c.end()})()" "$admin"; }
trap cleanup EXIT
DATABASE_URL="$url" npm run -s migration:run >/dev/null
if ! DATABASE_URL="$url" npm run -s migration:generate -- src/database/migrations/Drift --check; then
  echo "entity/migration drift: write a migration for the entity change (npm run migration:generate -- src/database/migrations/<Name>)" >&2
  exit 1
fi
echo "no entity/migration drift"
