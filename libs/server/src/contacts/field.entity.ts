import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FieldType } from './field-values';

/** A custom contact field of a workspace. Its label is the merge-field name in templates: `[Favourite Colour]`. */
@Entity({ name: 'fields' })
export class Field {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  /** How programs name the field (`favouriteColour`); fixed once created, since stored values are keyed by it. */
  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  label!: string;

  /** Fixed once created: changing it would leave stored values of the old type. */
  @Column({ type: 'text' })
  type!: FieldType;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
