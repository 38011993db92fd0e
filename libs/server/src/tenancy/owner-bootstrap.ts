import type { OnApplicationBootstrap } from '@nestjs/common';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { anyUserExists, createFirstOwner } from './first-owner';

/**
 * With ADMIN_EMAIL and ADMIN_PASSWORD set, a fresh installation starts with
 * workspace "Default" owned by that person, so it can be run headless without
 * the set-up screen. Does nothing once any user exists.
 */
@Injectable()
export class OwnerBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(OwnerBootstrap.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    // Checked before hashing too, so an installed system does not pay for scrypt at every start.
    if (!admin || (await anyUserExists(this.db.manager))) return;
    const passwordHash = await hashPassword(admin.password);
    const created = await this.db.transaction((tx) =>
      createFirstOwner(tx, { email: admin.email.trim(), passwordHash, workspaceName: 'Default' }),
    );
    if (created) this.logger.log(`Created owner ${created.user.email} of workspace "Default"`);
  }
}
