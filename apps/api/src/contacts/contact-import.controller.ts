import { Controller, HttpCode, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { AppConfig, ImportResult, JobOrigin, JobView, Principal } from '@tideway/server';
import {
  APP_CONFIG,
  ApiError,
  ContactImportService,
  CurrentPrincipal,
  JobRunner,
  RequireScopes,
} from '@tideway/server';
import type { Request, Response } from 'express';
import { acceptJob, prefersRespondAsync, RespondsAsync } from '../jobs/respond-async';
import { IMPORT_RESULT } from './contact.responses';
import { bodyTooLarge, ByteLimit, parseByteSize } from './request-body-limit';
import { SpooledUpload } from './spooled-upload';

/** Reads the request body itself: configure-http.ts keeps the JSON parser away from this route. */
@ApiTags('contacts')
@Controller('api/v1/contacts/import')
export class ContactImportController {
  private readonly limit: number;

  constructor(
    private readonly imports: ContactImportService,
    private readonly runner: JobRunner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limit = parseByteSize(config.bodyLimits.import);
  }

  @Post()
  @HttpCode(HttpStatus.OK)
  @RequireScopes('contacts:write')
  @ApiOperation({
    summary: 'Import contacts from CSV',
    description:
      'Header row: `email` (required), `firstName`, `lastName`, `phone`, `tags` and custom field keys, in any order. ' +
      '`tags` holds tags separated by `;`, added to those the contact has. Rows upsert by email: an existing contact gets the ' +
      'values of the columns given, an empty cell leaving its value as it is. Of rows repeating an email, the later wins. ' +
      'Numbers, dates (ISO 8601) and booleans (true/false/yes/no/1/0) are read from text. An unknown column refuses the file ' +
      '(422) before any row is written; a bad row is skipped and listed in `failed`, where `row` is the 1-based data row ' +
      '(the header not counted). The file is imported in one transaction: a refused request (413, 422) changes nothing.\n\n' +
      'With `Prefer: respond-async` the file is received whole (413 past the limit, 422 for a bad header, as without), ' +
      'then imported as a job: its rows are counted (a malformed file fails the job and writes nothing), then written ' +
      '2,500 rows per transaction, so the job shows rows processed and errors as it goes. A job interrupted midway keeps ' +
      'the rows written before it; importing the file again is safe.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ schema: IMPORT_RESULT })
  @RespondsAsync('import the file')
  @ApiUnprocessableEntityResponse({
    description: 'The header names an unknown column, or the CSV is malformed',
  })
  @ApiPayloadTooLargeResponse({
    description: 'The file is larger than IMPORT_BODY_LIMIT (50 MB by default)',
  })
  @ApiUnsupportedMediaTypeResponse({ description: 'Content-Type is not text/csv' })
  async importCsv(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    // Not passthrough: the answer is 200 with the result, or 202 with a job.
    @Res() response: Response,
  ): Promise<void> {
    try {
      if (mediaType(request) !== 'text/csv') {
        throw new ApiError(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          'Send the file with Content-Type: text/csv',
        );
      }
      const length = Number(request.headers['content-length']);
      if (length > this.limit) throw bodyTooLarge(this.limit);
      const origin: JobOrigin = { workspaceId: principal.workspaceId, userId: principal.userId };
      if (prefersRespondAsync(request)) {
        response.json(acceptJob(response, await this.startImport(origin, request)));
        return;
      }
      const file = await this.imports.open(principal.workspaceId, this.limitedBody(request));
      const result = await this.runner.run(
        'import',
        { ...origin, input: Number.isFinite(length) ? { bytes: length } : {} },
        (progress) => this.imports.importInOneTransaction(file, progress),
        importSummary,
      );
      response.status(HttpStatus.OK).json(result);
    } catch (error) {
      // Refused before the whole body arrived: close the connection rather than read the rest.
      if (!request.complete) response.setHeader('Connection', 'close');
      throw error;
    }
  }

  /** Receives the whole file, checks its header, and imports it in the background. */
  private async startImport(origin: JobOrigin, request: Request): Promise<JobView> {
    const { workspaceId } = origin;
    this.runner.assertCapacity(workspaceId);
    const upload = await SpooledUpload.from(this.limitedBody(request));
    let started = false;
    try {
      // A bad header is the request's fault: 422 now, as without the preference.
      (await this.imports.open(workspaceId, upload.read())).close();
      const job = await this.runner.start(
        'import',
        { ...origin, input: { bytes: upload.bytes } },
        async (progress, signal) => {
          try {
            progress.report({ total: await this.imports.countRows(upload.read(), signal) });
            const file = await this.imports.open(workspaceId, upload.read());
            return await this.imports.importInBatches(file, progress, signal);
          } finally {
            await upload.remove();
          }
        },
        importSummary,
      );
      started = true;
      return job;
    } finally {
      if (!started) await upload.remove();
    }
  }

  private limitedBody(request: Request): ByteLimit {
    const body = new ByteLimit(this.limit);
    request.on('error', (error) => body.destroy(error));
    request.on('close', () => {
      if (!request.complete)
        body.destroy(new Error('The client closed the connection before the file was sent'));
    });
    return request.pipe(body);
  }
}

/** A job's result: the counts of the synchronous answer (its failed rows are the job's error samples). */
function importSummary(result: ImportResult) {
  return { created: result.created, updated: result.updated, failedTotal: result.failedTotal };
}

function mediaType(request: Request): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}
