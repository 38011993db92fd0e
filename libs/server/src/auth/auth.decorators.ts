import type { ExecutionContext} from '@nestjs/common';
import { applyDecorators, createParamDecorator, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Scope } from '../tenancy/roles';
import type { Principal } from './principal';

export const IS_PUBLIC = 'tideway:isPublic';
export const REQUIRED_SCOPES = 'tideway:requiredScopes';
export const OPTIONAL_AUTH = 'tideway:optionalAuth';
export const SESSION_ONLY = 'tideway:sessionOnly';

/** The route needs no credentials (login, health, inbound webhooks). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * The route also serves callers without valid credentials (logout), but
 * credentials that are valid are checked as everywhere, CSRF included, and
 * set request.principal.
 */
export const OptionalAuth = () => SetMetadata(OPTIONAL_AUTH, true);

/** Only a signed-in person may call the route (their own password, their session's workspace); API keys get 403. */
export const SessionOnly = () => applyDecorators(SetMetadata(SESSION_ONLY, true), ApiCookieAuth());

/** The caller must hold every listed scope; without credentials 401, without the scope 403. */
export const RequireScopes = (...scopes: Scope[]) =>
  applyDecorators(
    SetMetadata(REQUIRED_SCOPES, scopes),
    ApiBearerAuth(),
    ApiCookieAuth(),
    ApiUnauthorizedResponse({ description: 'No valid API key or session' }),
    ApiForbiddenResponse({ description: `Needs scope ${scopes.join(', ')}` }),
  );

export type RequestWithPrincipal = { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return request.principal;
});
