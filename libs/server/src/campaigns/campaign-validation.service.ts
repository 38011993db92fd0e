import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GraphDraft, Problem } from '@tideway/graph';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { ApiError } from '../http/api-error';
import { graphProblems } from './graph-problems';

export type ValidationResult = { valid: boolean; problems: Problem[] };

/** Checks a graph as the editor has it, against the campaign's workspace; writes nothing. */
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
    const [campaign] = await this.db.query(
      `SELECT 1 FROM campaigns WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, campaignId],
    );
    if (!campaign) throw ApiError.notFound('Campaign');
    const problems = await graphProblems(this.db, workspaceId, graph, this.config.webhooks);
    return { valid: problems.length === 0, problems };
  }
}
