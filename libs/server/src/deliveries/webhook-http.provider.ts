import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { WebhookHttpClient } from './http';

export const WEBHOOK_HTTP = Symbol('WEBHOOK_HTTP');

/** One keep-alive HTTP client per process, under the operator's target policy (WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOWED_PRIVATE_HOSTS). */
export const webhookHttpProvider: Provider = {
  provide: WEBHOOK_HTTP,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    new WebhookHttpClient({ allowHttp: config.webhooks.allowHttp, allowedPrivateHosts: config.webhooks.allowedPrivateHosts }),
};

@Injectable()
export class WebhookHttpShutdown implements OnApplicationShutdown {
  constructor(@Inject(WEBHOOK_HTTP) private readonly http: WebhookHttpClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.http.close();
  }
}
