import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateContacts1764000001000 implements MigrationInterface {
  name = 'CreateContacts1764000001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE fields (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        key text NOT NULL,
        label text NOT NULL,
        type text NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX fields_workspace_key_key ON fields (workspace_id, key)`);
    // The label is a merge-field name ([Favourite Colour]): two labels differing only in case would be ambiguous.
    await db.query(
      `CREATE UNIQUE INDEX fields_workspace_label_key ON fields (workspace_id, lower(label))`,
    );
    await db.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        email text NOT NULL,
        first_name text,
        last_name text,
        phone text,
        fields jsonb NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Email is stored as given and unique case-insensitively; the CSV import's ON CONFLICT names this index.
    await db.query(
      `CREATE UNIQUE INDEX contacts_workspace_email_key ON contacts (workspace_id, lower(email))`,
    );
    // Serves the newest-first keyset pagination of GET /contacts.
    await db.query(
      `CREATE INDEX contacts_workspace_created_idx ON contacts (workspace_id, created_at DESC, id DESC)`,
    );
    // Serves `tags @> ARRAY[$tag]` (the tag filter and, later, tag-based enrollment).
    await db.query(`CREATE INDEX contacts_tags_idx ON contacts USING gin (tags)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE contacts`);
    await db.query(`DROP TABLE fields`);
  }
}
