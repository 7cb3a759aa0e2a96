export { ConfigError, parseConfig } from './parse-config';
export {
  databaseUrlSetting,
  hostSetting,
  kafkaBrokersSetting,
  logLevelSetting,
  portSetting,
} from './common-settings';
