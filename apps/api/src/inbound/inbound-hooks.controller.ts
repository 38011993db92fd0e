import type { RawBodyRequest } from '@nestjs/common';
import { Controller, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiError, InboundService, Public } from '@tideway/server';
import type { Request, Response } from 'express';
import { INBOUND_ACCEPTED } from './inbound.responses';

const BODY_TYPES = ['application/json', 'application/*+json', 'application/x-www-form-urlencoded'];

/** Other systems feed Tideway here (../shared/API.md, "Inbound webhooks"). */
@ApiTags('inbound webhooks')
@Controller('hooks/in')
export class InboundHooksController {
  constructor(private readonly inbound: InboundService) {}

  @Post(':token')
  @Public()
  @ApiOperation({
    summary: 'Receive an inbound webhook',
    description:
      'No API key: the token in the URL is the credential. A JSON or form body (at most 1 MB) names a contact through ' +
      "the element's mapping (`[{param, field}]`, params as dot paths such as `contact.email` or form keys such as " +
      '`contact[email]`; without a mapping, params named like contact fields). The contact is upserted by email and, in ' +
      'the same transaction, enrolled at the trigger (per re-entry) or brought to the goal; the answer comes after commit. ' +
      'When the endpoint has a secret, Standard Webhooks headers are required (`webhook-id`, `webhook-timestamp` within ' +
      '5 minutes, `webhook-signature`). A `webhook-id` seen in the last 24 hours is answered 200 `{duplicate: true}` and ' +
      'does nothing. Rate limited per endpoint (INBOUND_RATE_PER_MINUTE, per API process).',
  })
  @ApiAcceptedResponse({ schema: INBOUND_ACCEPTED })
  @ApiOkResponse({ description: '`{duplicate: true}`: this webhook-id was received already' })
  @ApiUnauthorizedResponse({ description: 'Missing or wrong signature, or a stale timestamp' })
  @ApiNotFoundResponse({ description: 'No endpoint has this token' })
  @ApiConflictResponse({ description: 'The campaign is not published (draft or archived)' })
  @ApiPayloadTooLargeResponse({ description: 'The body is over 1 MB' })
  @ApiUnprocessableEntityResponse({ description: 'No valid email, or a value a field cannot take' })
  @ApiTooManyRequestsResponse({ description: 'Over the rate limit; see Retry-After' })
  async receive(
    @Param('token') token: string,
    @Req() request: RawBodyRequest<Request>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<unknown> {
    if (!request.is(BODY_TYPES)) {
      throw new ApiError(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'Send application/json or application/x-www-form-urlencoded',
      );
    }
    const answer = await this.inbound.receive({
      token,
      body: request.body,
      rawBody: request.rawBody ?? Buffer.alloc(0),
      headers: {
        id: single(request.headers['webhook-id']),
        timestamp: single(request.headers['webhook-timestamp']),
        signature: single(request.headers['webhook-signature']),
      },
    });
    response.status(answer.status);
    return answer.body;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
