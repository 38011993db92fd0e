import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Parser } from 'csv-parse';
import { CsvError, parse } from 'csv-parse';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../http/api-error';
import type { JobErrorSample } from '../jobs/job.schema';
import { throwIfInterrupted } from '../jobs/job-interrupted';
import type { ProgressSink } from '../jobs/job-progress';
import { MAX_ERROR_SAMPLES, NO_PROGRESS } from '../jobs/job-progress';
import { ContactsService } from './contacts.service';
import { FieldsService } from './fields.service';
import type { ImportGroup } from './import-batch';
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

/** An import file whose header row has been read and checked; its data rows are still to come. */
export type OpenImport = {
  readonly workspaceId: string;
  readonly header: ImportHeader;
  readonly records: AsyncIterator<string[]>;
  /** Stops reading the file, for an import that will not go on. */
  close(): void;
};

/** Runs one write of the import in a transaction: the import's only one, or one per batch. */
type InTransaction = (write: (manager: EntityManager) => Promise<void>) => Promise<void>;

/**
 * Imports a CSV file of contacts as it streams in: parsed record by record,
 * written BATCH_SIZE contacts per statement, with the next bytes read only
 * after a batch is written (for-await pulls), so memory stays flat however
 * long the file is. Two ways to commit:
 *
 * - importInOneTransaction (the synchronous route): an import the server
 *   refuses half-way (too large, malformed CSV, the client went away) leaves
 *   nothing behind. The cost, on the embedded database's single connection,
 *   is that other requests (progress polls included) wait while it runs.
 * - importInBatches (a job, from a file already spooled and counted, so size
 *   and syntax are settled before it starts): one transaction per batch, so
 *   others get the database between batches. Interrupted (a shutdown, a
 *   database error), it keeps the batches written before; importing the file
 *   again is safe, rows upsert by email.
 */
@Injectable()
export class ContactImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contacts: ContactsService,
    private readonly fields: FieldsService,
  ) {}

  async importCsv(
    workspaceId: string,
    csv: Readable,
    progress: ProgressSink = NO_PROGRESS,
  ): Promise<ImportResult> {
    return this.importInOneTransaction(await this.open(workspaceId, csv), progress);
  }

  /** Reads the header row: 422 on an empty file or a header that names unknown columns, before any row is written. */
  async open(workspaceId: string, csv: Readable): Promise<OpenImport> {
    const parser = csvRecords(csv);
    const records = (parser as AsyncIterable<string[]>)[Symbol.asyncIterator]();
    // Asked for before anything else is awaited: from here the iterator owns the parser's errors.
    const firstRecord = records.next();
    firstRecord.catch(() => undefined);
    try {
      const fieldTypes = await this.fields.typesByKey(this.db.manager, workspaceId);
      const first = await firstRecord.catch(rethrowCsvError);
      if (first.done) {
        throw ApiError.validation([
          { path: 'header', message: 'The file is empty: its first row must name the columns' },
        ]);
      }
      const header = readImportHeader(first.value, fieldTypes);
      const close = () => {
        parser.destroy();
        csv.destroy();
      };
      return { workspaceId, header, records, close };
    } catch (error) {
      parser.destroy();
      csv.destroy();
      throw error;
    }
  }

  importInOneTransaction(
    file: OpenImport,
    progress: ProgressSink = NO_PROGRESS,
  ): Promise<ImportResult> {
    return this.db.transaction((manager) =>
      this.importRows(file, progress, (write) => write(manager)),
    );
  }

  importInBatches(
    file: OpenImport,
    progress: ProgressSink,
    signal?: AbortSignal,
  ): Promise<ImportResult> {
    return this.importRows(file, progress, (write) => {
      throwIfInterrupted(signal);
      return this.db.transaction(write);
    });
  }

  /** Data rows of a file (the header not counted), read as the import reads them: 422 when the CSV is malformed. */
  async countRows(csv: Readable, signal?: AbortSignal): Promise<number> {
    let records = 0;
    try {
      for await (const _cells of csvRecords(csv) as AsyncIterable<string[]>) {
        records += 1;
        if (records % 10_000 === 0) throwIfInterrupted(signal);
      }
    } catch (error) {
      rethrowCsvError(error);
    } finally {
      csv.destroy();
    }
    return Math.max(0, records - 1);
  }

  private async importRows(
    file: OpenImport,
    progress: ProgressSink,
    inTransaction: InTransaction,
  ): Promise<ImportResult> {
    const report = new ImportReport();
    const batch = new ImportBatch();
    let row = 0;
    const flush = async () => {
      const groups = batch.take();
      if (groups.length > 0) {
        await inTransaction((manager) => this.write(manager, file.workspaceId, groups, report));
      }
      progress.report(report.progress(row));
    };
    try {
      for (;;) {
        const next = await file.records.next().catch(rethrowCsvError);
        if (next.done) break;
        row += 1;
        const read = readImportRow(file.header, next.value);
        if (!read.ok) report.fail(row, read.message, read.field);
        else {
          const problem = batch.add(row, read.contact);
          if (problem) report.fail(row, problem);
        }
        if (batch.size >= BATCH_SIZE) await flush();
      }
      await flush();
    } catch (error) {
      file.close();
      throw error;
    }
    return report.result();
  }

  private async write(
    manager: EntityManager,
    workspaceId: string,
    groups: ImportGroup[],
    report: ImportReport,
  ): Promise<void> {
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

/** The records of a CSV stream; a failing source (a byte limit, a dropped connection) ends them too. */
function csvRecords(csv: Readable): Parser {
  const records = parse({ bom: true, skip_empty_lines: true, relax_column_count: true });
  // pipe() does not carry errors.
  csv.on('error', (error) => records.destroy(error));
  csv.pipe(records);
  return records;
}

function rethrowCsvError(error: unknown): never {
  throw error instanceof CsvError
    ? ApiError.validation([{ path: '(body)', message: error.message }], 'The CSV file is malformed')
    : error;
}

type Failure = ImportFailure & { field?: string };

class ImportReport {
  private created = 0;
  private updated = 0;
  private failedTotal = 0;
  private readonly failed: Failure[] = [];

  count(created: number, updated: number): void {
    this.created += created;
    this.updated += updated;
  }

  fail(row: number, message: string, field?: string): void {
    this.failedTotal += 1;
    if (this.failed.length < MAX_FAILED_LISTED) {
      this.failed.push(field === undefined ? { row, message } : { row, field, message });
    }
  }

  /** How far an import is once its rows up to `row` are written. */
  progress(row: number) {
    const errorSamples: JobErrorSample[] = this.inFileOrder().slice(0, MAX_ERROR_SAMPLES);
    return {
      processed: row,
      errors: this.failedTotal,
      errorSamples,
      result: { created: this.created, updated: this.updated, failedTotal: this.failedTotal },
    };
  }

  result(): ImportResult {
    const failed = this.inFileOrder().map(({ row, message }) => ({ row, message }));
    return { created: this.created, updated: this.updated, failed, failedTotal: this.failedTotal };
  }

  // A batch's failures are known when it is written, after later rows failed to read: list them in file order.
  private inFileOrder(): Failure[] {
    return [...this.failed].sort((a, b) => a.row - b.row);
  }
}
