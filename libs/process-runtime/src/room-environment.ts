import { type RoomInstanceSpec } from '@maestro/application';

export interface RoomEnvironment {
  /** Every variable the room process gets. */
  readonly variables: Readonly<Record<string, string>>;
  /** Names of variables taken from the cluster (`valueFrom`), which a local process cannot have. */
  readonly skipped: readonly string[];
}

/** `MAESTRO_PORT_<NAME>`: the port name upper-cased, anything but letters and digits turned to `_`. */
export function portVariableName(portName: string): string {
  return `MAESTRO_PORT_${portName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * The environment of a room's process: `base` (PATH and the like, from the app's configuration),
 * the first container's plain values, the variables Maestro gives every room, the rooms API's
 * address (`ROOMS_API_ADDRESS`, `MAESTRO_ROOMS_API_ADDRESS`), and one
 * `MAESTRO_PORT_<NAME>` per host port of that container (a process has no container port: it
 * listens on the host port).
 */
export function roomEnvironment(
  spec: RoomInstanceSpec,
  roomsApiAddress: string,
  base: Readonly<Record<string, string>> = {},
): RoomEnvironment {
  const container = spec.containers[0];
  const variables: Record<string, string> = { ...base };
  const skipped: string[] = [];
  for (const variable of container?.environment ?? []) {
    if (variable.value !== undefined) variables[variable.name] = variable.value;
    else if (variable.valueFrom) skipped.push(variable.name);
    else variables[variable.name] = '';
  }
  variables.MAESTRO_SCHEDULER_NAME = spec.schedulerName;
  variables.MAESTRO_ROOM_ID = spec.roomId;
  // Maestro gives rooms no address of its rooms API: specs pass one in a variable of their own, by
  // convention ROOMS_API_ADDRESS (Maestro's end-to-end tests). A local process can only reach the
  // local rooms API, whatever a spec written for a cluster says, so both names get its address.
  variables.ROOMS_API_ADDRESS = roomsApiAddress;
  variables.MAESTRO_ROOMS_API_ADDRESS = roomsApiAddress;
  for (const port of spec.ports) {
    if (port.containerName === container?.name)
      variables[portVariableName(port.name)] = String(port.hostPort);
  }
  return { variables, skipped };
}
