import { Module } from '@nestjs/common';
import { LoginThrottle, OwnerBootstrap, SessionsService } from '@tideway/server';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

/** Sign-in, first-run setup, the caller's own account; and the ADMIN_EMAIL owner at start. */
@Module({
  controllers: [AuthController],
  providers: [AuthService, SessionsService, LoginThrottle, OwnerBootstrap],
})
export class AuthModule {}
