import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CsvError, parse } from 'csv-parse';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../http/api-error';
import { ContactsService } from './contacts.service';
import { FieldsService } from './fields.service';
import { ImportBatch } from './import-batch';
import { readImportHeader, readImportRow, type ImportHeader } from './import-rows';

/** Contacts per statement: past ~2000 the per-statement cost (large on PGlite) stops mattering; memory stays small. */
const BATCH_SIZE = 2500;
/** The answer lists this many failed rows at most; failedTotal counts them all. */
const MAX_FAILED_LISTED = 1000;

export type ImportFailure = { row: number; message: string };

/** `row` counts data rows from 1, the header excluded. created + updated + failedTotal = data rows. */
export type ImportResult = {
  created: number;
  updated: number;
  failed: ImportFailure[];
  failedTotal: number;
};

/**
 * Imports a CSV file of contacts as it streams in: parsed record by record,
 * written BATCH_SIZE contacts per statement, with the next bytes read only
 * after a batch is written (for-await pulls), so memory stays flat however
 * long the file is.
 *
 * The whole file is one transaction: an import the server refuses half-way
 * (too large, malformed CSV, the client went away) leaves nothing behind.
 * The cost, on the embedded database's single connection, is that other
 * requests wait while an import runs.
 */
@Injectable()
export class ContactImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contacts: ContactsService,
    private readonly fields: FieldsService,
  ) {}

  importCsv(workspaceId: string, csv: Readable): Promise<ImportResult> {
    const records = parse({ bom: true, skip_empty_lines: true, relax_column_count: true });
    // pipe() does not carry errors: a failing source (a byte limit, a dropped connection) must end the parse too.
    csv.on('error', (error) => records.destroy(error));
    csv.pipe(records);
    return this.db.transaction(async (manager) => {
      const fieldTypes = await this.fields.typesByKey(manager, workspaceId);
      const report = new ImportReport();
      const batch = new ImportBatch();
      let header: ImportHeader | undefined;
      let row = 0;
      try {
        for await (const cells of records as AsyncIterable<string[]>) {
          if (!header) {
            header = readImportHeader(cells, fieldTypes);
            continue;
          }
          row += 1;
          const read = readImportRow(header, cells);
          const problem = read.ok ? batch.add(row, read.contact) : read.message;
          if (problem) report.fail(row, problem);
          if (batch.size >= BATCH_SIZE) await this.write(manager, workspaceId, batch, report);
        }
      } catch (error) {
        throw error instanceof CsvError
          ? ApiError.validation(
              [{ path: '(body)', message: error.message }],
              'The CSV file is malformed',
            )
          : error;
      }
      if (!header)
        throw ApiError.validation([
          { path: 'header', message: 'The file is empty: its first row must name the columns' },
        ]);
      await this.write(manager, workspaceId, batch, report);
      return report.result();
    });
  }

  private async write(
    manager: EntityManager,
    workspaceId: string,
    batch: ImportBatch,
    report: ImportReport,
  ): Promise<void> {
    const groups = batch.take();
    const results = await this.contacts.upsertMany(
      manager,
      workspaceId,
      groups.map((group) => group.contact),
    );
    results.forEach((result, index) => {
      const { rows } = groups[index];
      if (!result.ok) rows.forEach((row) => report.fail(row, result.message));
      // Rows merged into one upsert count as if written one after the other: the first may create, the rest update.
      else if (result.mutation.changes.created) report.count(1, rows.length - 1);
      else report.count(0, rows.length);
    });
  }
}

class ImportReport {
  private created = 0;
  private updated = 0;
  private failedTotal = 0;
  private readonly failed: ImportFailure[] = [];

  count(created: number, updated: number): void {
    this.created += created;
    this.updated += updated;
  }

  fail(row: number, message: string): void {
    this.failedTotal += 1;
    if (this.failed.length < MAX_FAILED_LISTED) this.failed.push({ row, message });
  }

  result(): ImportResult {
    // A batch's failures are known when it is written, after later rows failed to read: list them in file order.
    const failed = [...this.failed].sort((a, b) => a.row - b.row);
    return { created: this.created, updated: this.updated, failed, failedTotal: this.failedTotal };
  }
}
