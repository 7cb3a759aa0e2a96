// Exits 0 when the broker answers a cluster-metadata request with kafkajs, the client the project
// uses; exits 1 otherwise. Polling an admin call is more reliable than reading the broker's log.
const path = require('node:path');
const { Kafka, logLevel } = require(
  require.resolve('kafkajs', { paths: [path.join(__dirname, '../../../libs/messaging')] }),
);

const broker = process.argv[2];
const kafka = new Kafka({
  brokers: [broker],
  clientId: 'testenv-probe',
  logLevel: logLevel.NOTHING,
  connectionTimeout: 1000,
  retry: { retries: 0 },
});
const admin = kafka.admin();
admin
  .connect()
  .then(() => admin.describeCluster())
  .then(async (cluster) => {
    await admin.disconnect();
    process.exit(cluster.brokers.length > 0 ? 0 : 1);
  })
  .catch(() => process.exit(1));
