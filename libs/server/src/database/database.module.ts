import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import { Inject, Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';
import { ENTITIES } from './entities';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type DatabaseKind = 'pglite' | 'postgres';
export const DATABASE_KIND = Symbol('DATABASE_KIND');
const EMBEDDED_POSTGRES = Symbol('EMBEDDED_POSTGRES');

@Module({})
class EmbeddedPostgresModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: EmbeddedPostgresModule,
      providers: [
        {
          provide: EMBEDDED_POSTGRES,
          useFactory: () => (config.databaseUrl ? null : EmbeddedPostgres.start(config.dataDir)),
        },
      ],
      exports: [EMBEDDED_POSTGRES],
    };
  }
}

@Injectable()
class DatabaseShutdown implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED_POSTGRES) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  // The pool must close before the embedded server it talks to goes away.
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.stop();
  }
}

/**
 * TypeORM on PostgreSQL when DATABASE_URL is set, otherwise on the embedded
 * PGlite under DATA_DIR. The same migrations run at start in both cases.
 */
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    const embeddedModule = EmbeddedPostgresModule.forRoot(config);
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        embeddedModule,
        TypeOrmModule.forRootAsync({
          imports: [embeddedModule],
          inject: [EMBEDDED_POSTGRES],
          useFactory: (embedded: EmbeddedPostgres | null) => ({
            type: 'postgres' as const,
            url: embedded?.url ?? config.databaseUrl,
            entities: ENTITIES,
            migrations: MIGRATIONS,
            synchronize: false,
            extra: {
              // PGlite is one backend: a second pooled connection would wait
              // behind any open transaction (../shared/STACK.md).
              max: embedded ? 1 : config.databasePoolSize,
              connectionTimeoutMillis: 30_000,
            },
          }),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await migrate(dataSource, { exclusive: Boolean(config.databaseUrl) });
            return dataSource;
          },
        }),
      ],
      providers: [
        DatabaseShutdown,
        { provide: DATABASE_KIND, useValue: (config.databaseUrl ? 'postgres' : 'pglite') satisfies DatabaseKind },
      ],
      exports: [DATABASE_KIND, TypeOrmModule],
    };
  }
}
