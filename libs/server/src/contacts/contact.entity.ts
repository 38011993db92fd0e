import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { FieldValue } from './field-values';

/** A person campaigns reach. Built-in attributes are columns; custom field values live in `fields`. */
@Entity({ name: 'contacts' })
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  /** Stored as given; unique per workspace case-insensitively (index on lower(email)). */
  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'first_name', type: 'text', nullable: true })
  firstName!: string | null;

  @Column({ name: 'last_name', type: 'text', nullable: true })
  lastName!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  /** Custom field values by field key, already validated against the workspace's Field definitions. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  fields!: Record<string, FieldValue>;

  /** Kept on the row as text[] (GIN-indexed): simple, and `tags @> ARRAY[$1]` is fast. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
