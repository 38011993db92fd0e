import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GraphDraft, Problem } from '@tideway/graph';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { ApiError } from '../http/api-error';
import { secretsToEnterAgain } from './campaign-errors';
import { graphProblems } from './graph-problems';
import { restoreGraphSecrets } from './graph-secrets';

export type ValidationResult = { valid: boolean; problems: Problem[] };

/**
 * Checks a graph as the editor has it, against the campaign's workspace;
 * writes nothing. Redacted secrets stand for the latest draft's values, as
 * they would on save; a placeholder with no stored value is refused (422).
 */
@Injectable()
export class CampaignValidationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async validate(
    workspaceId: string,
    campaignId: string,
    graph: GraphDraft,
  ): Promise<ValidationResult> {
    const [campaign]: { draft: GraphDraft | null }[] = await this.db.query(
      `SELECT r.graph AS draft FROM campaigns c
         LEFT JOIN campaign_revisions r ON r.campaign_id = c.id AND r.revision = c.draft_revision
        WHERE c.workspace_id = $1 AND c.id = $2`,
      [workspaceId, campaignId],
    );
    if (!campaign) throw ApiError.notFound('Campaign');
    const restored = restoreGraphSecrets(graph, campaign.draft);
    if (restored.unresolved.length > 0) throw secretsToEnterAgain(restored.unresolved);
    const problems = await graphProblems(this.db, workspaceId, restored.graph, this.config.webhooks);
    return { valid: problems.length === 0, problems };
  }
}
