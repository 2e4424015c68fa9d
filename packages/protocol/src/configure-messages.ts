import { config } from 'zod/mini';
import { en } from 'zod/v4/locales';

/**
 * The protocol's schemas are zod/mini (a fraction of classic zod's code and none of its
 * per-schema methods, which matters in the agent on every host). zod/mini ships without an
 * error map; this installs the English messages classic zod uses, so a refusal still reads
 * "expected string, received number" whichever flavour of zod the process loaded first.
 */
config(en());
