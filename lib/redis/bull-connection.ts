// BullMQ's connection options for a URL: the same ioredis options as every
// other dpt connection (DptRedisOptions is typed so BullMQ accepts it as is).

import type { ConnectionOptions } from 'bullmq';
import { redisOptionsFor } from './connect.js';

export function bullConnection(url: string, name: string): ConnectionOptions {
  return { ...redisOptionsFor(url), connectionName: name };
}
