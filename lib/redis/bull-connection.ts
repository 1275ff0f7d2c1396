// BullMQ's connection options for a URL: the same ioredis options as every
// other dpt connection. BullMQ 6 declares its own structural RedisOptions type
// that ioredis 6's type does not match exactly, hence the single cast here.

import type { ConnectionOptions } from 'bullmq';
import { redisOptionsFor } from '../broker/connect.js';

export function bullConnection(url: string, name: string): ConnectionOptions {
  return { ...redisOptionsFor(url), connectionName: name } as ConnectionOptions;
}
