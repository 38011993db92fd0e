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
import type { ImportResult, Principal } from '@tideway/server';
import { ContactImportService } from '@tideway/server';
import type { AppConfig } from '@tideway/server';
import { APP_CONFIG, ApiError, CurrentPrincipal, RequireScopes } from '@tideway/server';
import type { Request, Response } from 'express';
import { IMPORT_RESULT } from './contact.responses';
import { bodyTooLarge, ByteLimit, parseByteSize } from './request-body-limit';

/** Reads the request body itself: configure-http.ts keeps the JSON parser away from this route. */
@ApiTags('contacts')
@Controller('api/v1/contacts/import')
export class ContactImportController {
  private readonly limit: number;

  constructor(
    private readonly imports: ContactImportService,
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
      '(the header not counted). The file is imported in one transaction: a refused request (413, 422) changes nothing.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ schema: IMPORT_RESULT })
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
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportResult> {
    try {
      if (mediaType(request) !== 'text/csv') {
        throw new ApiError(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          'Send the file with Content-Type: text/csv',
        );
      }
      if (Number(request.headers['content-length']) > this.limit) throw bodyTooLarge(this.limit);
      return await this.imports.importCsv(principal.workspaceId, this.limitedBody(request));
    } catch (error) {
      // Refused before the whole body arrived: close the connection rather than read the rest.
      if (!request.complete) response.setHeader('Connection', 'close');
      throw error;
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

function mediaType(request: Request): string {
  return (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}
