import { AssignerProtocol, type GroupMemberAssignment, type PartitionAssigner } from 'kafkajs';

const name = 'MaestroCoPartitioned';
const version = 0;

/**
 * Gives partition `p` of every topic to the same member (`p` modulo the number of members subscribed
 * to the topic, members sorted by id). Every topic is keyed by scheduler name with the same partition
 * count, so the member that owns a scheduler's pings also owns its scheduler and room events. kafkajs'
 * round-robin assigner spreads each topic's partitions independently and would split them.
 */
export const coPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name,
  version,
  assign({ members, topics }) {
    const memberIds = members.map((member) => member.memberId).sort();
    const subscribed = new Map(
      members.map((member) => [
        member.memberId,
        new Set(AssignerProtocol.MemberMetadata.decode(member.memberMetadata)?.topics ?? topics),
      ]),
    );
    const assignments = new Map<string, Record<string, number[]>>(memberIds.map((id) => [id, {}]));
    for (const topic of topics) {
      const subscribers = memberIds.filter((id) => subscribed.get(id)?.has(topic));
      const partitions = cluster
        .findTopicPartitionMetadata(topic)
        .map((metadata) => metadata.partitionId)
        .sort((a, b) => a - b);
      for (const partition of partitions) {
        const assignee = subscribers[partition % subscribers.length];
        if (assignee === undefined) continue;
        const assignment = assignments.get(assignee) ?? {};
        (assignment[topic] ??= []).push(partition);
        assignments.set(assignee, assignment);
      }
    }
    return Promise.resolve(
      [...assignments].map(([memberId, assignment]): GroupMemberAssignment => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version,
          assignment,
          userData: Buffer.alloc(0),
        }),
      })),
    );
  },
  protocol({ topics }) {
    return {
      name,
      metadata: AssignerProtocol.MemberMetadata.encode({ version, topics, userData: Buffer.alloc(0) }),
    };
  },
});
