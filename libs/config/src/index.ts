export { ConfigError, parseConfig, processEnvironment } from './parse-config';
export {
  databaseUrlSetting,
  hostSetting,
  kafkaBrokersSetting,
  kafkaTopicPrefixSetting,
  logLevelSetting,
  portSetting,
} from './common-settings';
