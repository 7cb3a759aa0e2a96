import { type SchedulerDefinition } from '@maestro/domain';
import { parseCreateSchedulerRequest } from './create-scheduler.request';

/**
 * The scheduler definition a `POST /schedulers/{name}` body describes (not yet validated): the
 * create body's fields, read the same way, under the path's name whatever the body says.
 *
 * Maestro always builds a `portRange` here (an absent one becomes `{0, 0}`), so its endpoint
 * refuses any scheduler that uses per-port `hostPortRange`; an absent `portRange` stays absent
 * here, as on create, so both kinds of host port range can get new versions.
 */
export function parseNewVersionRequest(pathName: string, body: unknown): SchedulerDefinition {
  return { ...parseCreateSchedulerRequest(body), name: pathName };
}
