#!/usr/bin/env node
// `npm run db:migration:generate -- <intent>`: scaffolds
// libs/server/src/database/migrations/<timestamp>-<intent>.ts and registers it
// in migrations.ts. Migrations are hand-written SQL (docs/decisions/001):
// fill in up() and down(), keeping to PostgreSQL 15 features.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const intent = process.argv[2];
if (!intent || !/^[a-z][a-z0-9-]*$/.test(intent)) {
  console.error('usage: npm run db:migration:generate -- <intent-in-kebab-case>');
  process.exit(2);
}
const timestamp = Date.now();
const className = intent.replace(/(^|-)([a-z0-9])/g, (_m, _d, c) => c.toUpperCase()) + timestamp;
const dir = path.join(root, 'libs/server/src/database');
const file = `${timestamp}-${intent}`;
writeFileSync(
  path.join(dir, 'migrations', `${file}.ts`),
  `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(db: QueryRunner): Promise<void> {
    await db.query(\`\`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(\`\`);
  }
}
`,
);
const registry = path.join(dir, 'migrations.ts');
const source = readFileSync(registry, 'utf8')
  .replace(/(\nexport const MIGRATIONS = \[)/, `import { ${className} } from './migrations/${file}';\n$1`)
  .replace(/\];\s*$/, `, ${className}];\n`);
writeFileSync(registry, source);
console.log(`Wrote libs/server/src/database/migrations/${file}.ts and registered ${className}.`);
