import { Injectable } from '@nestjs/common';
import { ReadinessCheck } from '@maestro/observability';
import { KubernetesClient } from './kubernetes-client';

/** Ready when the Kubernetes API server answers. */
@Injectable()
export class KubernetesReadinessCheck extends ReadinessCheck {
  readonly name = 'kubernetes';

  constructor(private readonly client: KubernetesClient) {
    super();
  }

  async check(): Promise<void> {
    await this.client.serverVersion();
  }
}
