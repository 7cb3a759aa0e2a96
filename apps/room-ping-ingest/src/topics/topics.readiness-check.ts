import { ReadinessCheck } from '@maestro/observability';
import { Injectable } from '@nestjs/common';
import { TopicsSetup } from './topics.setup';

/** Ready once every topic exists with the configured partition count. */
@Injectable()
export class TopicsReadinessCheck extends ReadinessCheck {
  readonly name = 'topics';

  constructor(private readonly topics: TopicsSetup) {
    super();
  }

  check(): Promise<void> {
    const problem = this.topics.readinessProblem();
    return problem === undefined ? Promise.resolve() : Promise.reject(new Error(problem));
  }
}
