export { ConfigError, parseConfig, processEnvironment } from './parse-config';
export {
  databaseUrlSetting,
  hostSetting,
  kafkaBrokersSetting,
  logLevelSetting,
  portSetting,
} from './common-settings';
