import { AssignerProtocol, type Cluster, type GroupMember, type PartitionMetadata } from 'kafkajs';
import { coPartitionedAssigner } from './co-partitioned-assigner';

function partitions(count: number): PartitionMetadata[] {
  return Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));
}

// The assigner only reads partition metadata from the cluster.
const cluster = { findTopicPartitionMetadata: () => partitions(6) } as unknown as Cluster;
const assigner = coPartitionedAssigner({ cluster, groupId: 'worker', logger: undefined as never });

function member(memberId: string, topics: string[]): GroupMember {
  return { memberId, memberMetadata: assigner.protocol({ topics }).metadata };
}

async function assign(
  members: GroupMember[],
  topics: string[],
): Promise<Record<string, Record<string, number[]>>> {
  const assignments = await assigner.assign({ members, topics });
  return Object.fromEntries(
    assignments.map(({ memberId, memberAssignment }) => [
      memberId,
      AssignerProtocol.MemberAssignment.decode(memberAssignment)?.assignment ?? {},
    ]),
  );
}

describe('coPartitionedAssigner', () => {
  const topics = ['room-events', 'room-pings', 'scheduler-events'];

  it("gives one member the same partitions of every topic, so it owns all of a scheduler's events", async () => {
    const result = await assign(
      ['c', 'a', 'b', 'd'].map((id) => member(id, topics)),
      topics,
    );
    for (const assignment of Object.values(result)) {
      const [first, ...others] = topics.map((topic) => assignment[topic] ?? []);
      for (const other of others) expect(other).toEqual(first);
    }
    expect(result.a?.['room-pings']).toEqual([0, 4]);
    expect(result.d?.['room-pings']).toEqual([3]);
  });

  it('assigns a topic only to the members subscribed to it', async () => {
    const result = await assign([member('a', ['room-pings']), member('b', topics)], topics);
    expect(result.a).toEqual({ 'room-pings': [0, 2, 4] });
    expect(result.b).toEqual({
      'room-pings': [1, 3, 5],
      'room-events': [0, 1, 2, 3, 4, 5],
      'scheduler-events': [0, 1, 2, 3, 4, 5],
    });
  });
});
