import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../http/api-error';
import { Field } from './field.entity';
import type { CreateFieldInput, UpdateFieldInput } from './field.schema';
import type { FieldType } from './field-values';
import { isUniqueViolation } from './unique-violation';
import { isUuid } from './is-uuid';
import { rowsReturnedBy } from '../database/rows-returned-by';

export type FieldView = Omit<Field, 'workspaceId'>;

/** The custom field definitions of a workspace, which contact field values are validated against. */
@Injectable()
export class FieldsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(workspaceId: string): Promise<FieldView[]> {
    const fields = await this.db
      .getRepository(Field)
      .find({ where: { workspaceId }, order: { createdAt: 'ASC', key: 'ASC' } });
    return fields.map(toFieldView);
  }

  /** Field types by key, read through `manager` so callers can hold it inside their transaction. */
  async typesByKey(manager: EntityManager, workspaceId: string): Promise<Map<string, FieldType>> {
    const fields = await manager
      .getRepository(Field)
      .find({ where: { workspaceId }, select: { key: true, type: true } });
    return new Map(fields.map((field) => [field.key, field.type]));
  }

  async create(workspaceId: string, input: CreateFieldInput): Promise<FieldView> {
    const repository = this.db.getRepository(Field);
    try {
      return toFieldView(await repository.save(repository.create({ workspaceId, ...input })));
    } catch (error) {
      throw conflictOf(error) ?? error;
    }
  }

  async update(workspaceId: string, id: string, input: UpdateFieldInput): Promise<FieldView> {
    const repository = this.db.getRepository(Field);
    const field = isUuid(id) ? await repository.findOneBy({ workspaceId, id }) : null;
    if (!field) throw ApiError.notFound('Field');
    field.label = input.label;
    try {
      return toFieldView(await repository.save(field));
    } catch (error) {
      throw conflictOf(error) ?? error;
    }
  }

  /** Deletes the definition and its values on every contact, so a later field may reuse the key with another type. */
  async remove(workspaceId: string, id: string): Promise<void> {
    if (!isUuid(id)) throw ApiError.notFound('Field');
    await this.db.transaction(async (manager) => {
      const [deleted] = await rowsReturnedBy<{ key: string }>(
        manager,
        `DELETE FROM fields WHERE workspace_id = $1 AND id = $2 RETURNING key`,
        [workspaceId, id],
      );
      if (!deleted) throw ApiError.notFound('Field');
      await manager.query(
        `UPDATE contacts SET fields = fields - $2::text, updated_at = now() WHERE workspace_id = $1 AND fields ? $2`,
        [workspaceId, deleted.key],
      );
    });
  }
}

function toFieldView({ id, key, label, type, createdAt }: Field): FieldView {
  return { id, key, label, type, createdAt };
}

function conflictOf(error: unknown): ApiError | null {
  if (isUniqueViolation(error, 'fields_workspace_key_key')) {
    return ApiError.conflict('A field with this key exists', [
      { path: 'key', message: 'Already in use' },
    ]);
  }
  if (isUniqueViolation(error, 'fields_workspace_label_key')) {
    return ApiError.conflict('A field with this label exists', [
      { path: 'label', message: 'Already in use (labels compare case-insensitively)' },
    ]);
  }
  return null;
}
