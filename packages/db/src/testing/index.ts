export { advanceSignInClock, type OwnerQuery } from './advance-sign-in-clock.js';
export type { TestDatabase } from './create-test-database.js';
export { createTestDatabase, testServerUrl, withDatabase } from './create-test-database.js';
export type { SeededOrg } from './seed-org.js';
export { seedEnrolmentToken, seedOrg } from './seed-org.js';
export type { StorageEngine } from './storage-engine.js';
export { detectStorageEngine, expectedStorageEngine } from './storage-engine.js';
