import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { FleetController } from '@maestro/application';
import { type GameRoom } from '@maestro/domain';

export interface FleetProbeSummary {
  readonly schedulerName: string;
  readonly rooms: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly roomIds: readonly string[];
}

export type FleetProbeRoom = Pick<
  GameRoom,
  'roomId' | 'status' | 'pingStatus' | 'instanceStatus' | 'runningMatches' | 'lastPingAt'
>;

/**
 * Read-only view of the worker's in-memory fleet, for benchmarks only: it is mounted by the
 * simulated worker (simulation/main.ts), never by the production app. It tells when a ping's status
 * has reached the worker's projection, which nothing else shows at once (the rooms read model only
 * changes on status events, last-ping times are flushed every second).
 */
@Controller('simulation/fleet')
export class FleetProbeController {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** The worker's memory as V8 sees it (RSS includes heap V8 has not given back to the system). */
  @Get('-/memory')
  memory(): NodeJS.MemoryUsage {
    return process.memoryUsage();
  }

  @Get(':schedulerName')
  summary(@Param('schedulerName') schedulerName: string): FleetProbeSummary {
    const rooms = this.fleet().rooms(schedulerName);
    const byStatus: Record<string, number> = {};
    for (const room of rooms) byStatus[room.status] = (byStatus[room.status] ?? 0) + 1;
    return { schedulerName, rooms: rooms.length, byStatus, roomIds: rooms.map((room) => room.roomId) };
  }

  @Get(':schedulerName/rooms/:roomId')
  room(@Param('schedulerName') schedulerName: string, @Param('roomId') roomId: string): FleetProbeRoom {
    const room = this.fleet()
      .rooms(schedulerName)
      .find((candidate) => candidate.roomId === roomId);
    if (!room) throw new NotFoundException(`no room ${schedulerName}/${roomId} in the fleet`);
    return {
      roomId: room.roomId,
      status: room.status,
      pingStatus: room.pingStatus,
      instanceStatus: room.instanceStatus,
      runningMatches: room.runningMatches,
      ...(room.lastPingAt === undefined ? {} : { lastPingAt: room.lastPingAt }),
    };
  }

  // The fleet module keeps its controller to itself; the probe only reads it.
  private fleet(): FleetController {
    return this.moduleRef.get(FleetController, { strict: false });
  }
}
