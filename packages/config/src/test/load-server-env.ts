import { loadOrExit, parseEnv } from '../parse-env.js';
import { ZServerEnvSchema } from '../schemas.js';

loadOrExit(() => parseEnv(ZServerEnvSchema));
console.log('loaded');
