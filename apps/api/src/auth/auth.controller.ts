import { Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type {
  Principal,
  RequestWithPrincipal} from '@tideway/server';
import {
  CurrentPrincipal,
  OptionalAuth,
  Public,
  SessionOnly,
  ValidBody,
} from '@tideway/server';
import type { Request, Response } from 'express';
import { AuthService } from './auth.service';
import type { ChangePasswordDto} from './change-password.dto';
import { changePasswordSchema } from './change-password.dto';
import type { LoginDto} from './login.dto';
import { loginSchema } from './login.dto';
import { clearSessionCookies, sessionTokenOf, setSessionCookies } from './session-cookies';
import type { SessionView } from './session-view';
import type { SetupDto} from './setup.dto';
import { setupSchema } from './setup.dto';
import type { SwitchWorkspaceDto} from './switch-workspace.dto';
import { switchWorkspaceSchema } from './switch-workspace.dto';

const SESSION_VIEW =
  '{user:{id,email}, workspace:{id,name}, role, scopes, workspaces:[{id,name,role}], csrfToken}';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Get('setup')
  @Public()
  @ApiOkResponse({ description: '{needsSetup}: true until the first user exists' })
  async setupState(): Promise<{ needsSetup: boolean }> {
    return { needsSetup: await this.auth.needsSetup() };
  }

  @Post('setup')
  @Public()
  @ApiCreatedResponse({
    description: `Creates the first workspace and owner and signs them in: ${SESSION_VIEW}`,
  })
  async setup(
    @ValidBody(setupSchema) input: SetupDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView> {
    const { view, session } = await this.auth.setup(input);
    setSessionCookies(req, res, session);
    return view;
  }

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: `Sets the session cookies: ${SESSION_VIEW}` })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed attempts for this email or address; see Retry-After',
  })
  async login(
    @ValidBody(loginSchema) input: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView> {
    const { view, session } = await this.auth.login(
      input,
      req.ip ?? 'unknown',
      sessionTokenOf(req),
    );
    setSessionCookies(req, res, session);
    return view;
  }

  @Post('logout')
  @OptionalAuth()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Ends the session (if any) and clears its cookies' })
  async logout(
    @Req() req: Request & RequestWithPrincipal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    if (req.principal?.via === 'session') await this.auth.logout(req.principal);
    clearSessionCookies(req, res);
  }

  @Get('me')
  @ApiOkResponse({ description: SESSION_VIEW })
  me(@CurrentPrincipal() principal: Principal): Promise<SessionView> {
    return this.auth.describe(principal);
  }

  @Post('workspace')
  @SessionOnly()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    description: `Moves the session to another workspace of the user: ${SESSION_VIEW}`,
  })
  switchWorkspace(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(switchWorkspaceSchema) input: SwitchWorkspaceDto,
  ): Promise<SessionView> {
    return this.auth.switchWorkspace(principal, input.workspaceId);
  }

  @Post('password')
  @SessionOnly()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({
    description: 'Changes the password and ends every other session of the user',
  })
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @ValidBody(changePasswordSchema) input: ChangePasswordDto,
    @Req() req: Request,
  ): Promise<void> {
    return this.auth.changePassword(principal, input, req.ip ?? 'unknown');
  }
}
