export { testEnvironment, type TestEnvironment } from './test-environment';
export { eventually, type EventuallyOptions } from './eventually';
export { createTestDatabase, type TestDatabase } from './test-database';
