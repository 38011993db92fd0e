import { Injectable } from '@nestjs/common';
import type { CompiledCampaign } from '@tideway/engine';
import { compileCampaign } from '@tideway/engine';
import { graphSchema } from '@tideway/graph';
import type { FieldDefinition } from '@tideway/templates';
import type { EntityManager } from 'typeorm';

type Entry = { campaign: CompiledCampaign; loadedAt: number };

/** How long a compiled revision is trusted before custom-field labels and types are read again. */
const FIELDS_TTL_MS = 30_000;
const MAX_ENTRIES = 1_000;

/**
 * Compiled revisions, per worker (ARCHITECTURE.md, invariant 4): a revision's
 * graph never changes, so it is parsed and compiled once; the entry is
 * refreshed now and then because custom field definitions (merge-field labels,
 * types) can change under it.
 */
@Injectable()
export class CampaignCache {
  private readonly entries = new Map<string, Entry>();

  async get(manager: EntityManager, campaignId: string, revision: number): Promise<CompiledCampaign> {
    const key = `${campaignId}:${revision}`;
    const cached = this.entries.get(key);
    if (cached && Date.now() - cached.loadedAt < FIELDS_TTL_MS) return cached.campaign;

    const [row]: { graph: unknown; name: string; workspace_id: string }[] = await manager.query(
      `SELECT r.graph, c.name, c.workspace_id
         FROM campaign_revisions r JOIN campaigns c ON c.id = r.campaign_id
        WHERE r.campaign_id = $1 AND r.revision = $2`,
      [campaignId, revision],
    );
    if (!row) throw new Error(`Campaign ${campaignId} has no revision ${revision}`);
    const fields: FieldDefinition[] = await manager.query(
      `SELECT key, label, type FROM fields WHERE workspace_id = $1`,
      [row.workspace_id],
    );
    // Only valid revisions are published; parsing types the configs for the core.
    const graph = graphSchema.parse(row.graph);
    const campaign = compileCampaign(graph, { campaignId, name: row.name, revision }, fields);
    this.remember(key, { campaign, loadedAt: Date.now() });
    return campaign;
  }

  private remember(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}
