export { advanceSignInClock, type OwnerQuery } from './advance-sign-in-clock.js';
export type { TestDatabase } from './create-test-database.js';
export { createTestDatabase } from './create-test-database.js';
export type { SeededOrg } from './seed-org.js';
export { seedOrg } from './seed-org.js';
