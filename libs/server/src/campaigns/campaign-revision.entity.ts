import type { GraphDraft } from '@tideway/graph';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One numbered save of a campaign's graph. Never changed once written, except `publishedAt`. */
@Entity({ name: 'campaign_revisions' })
export class CampaignRevision {
  @PrimaryColumn({ name: 'campaign_id', type: 'uuid' })
  campaignId!: string;

  @PrimaryColumn({ type: 'integer' })
  revision!: number;

  /** Saved as drawn: only the envelope is checked, so a draft may be invalid. */
  @Column({ type: 'jsonb' })
  graph!: GraphDraft;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId!: string | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When this revision was last published; null if it never was. */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
