import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CampaignStatus, ReentryPolicy } from './campaign.schema';

/**
 * A campaign: its life-cycle status and which of its revisions are the draft
 * (the latest save, what the editor shows) and the published one (what runs).
 */
@Entity({ name: 'campaigns' })
export class Campaign {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: 'draft' })
  status!: CampaignStatus;

  @Column({ type: 'text', default: 'once' })
  reentry!: ReentryPolicy;

  /** The latest revision; every save makes a new one, so this only grows. */
  @Column({ name: 'draft_revision', type: 'integer' })
  draftRevision!: number;

  /** The revision contacts run through; null until the first publish. */
  @Column({ name: 'published_revision', type: 'integer', nullable: true })
  publishedRevision!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
