export { topics, allTopics, type Topic } from './topics';
export {
  cloudEventsSpecVersion,
  fromCloudEventHeaders,
  toCloudEventHeaders,
  type CloudEventHeaders,
  type EventEnvelope,
} from './envelope';
