// Redis commands whose binary arguments go to the socket as they are.
//
// ioredis builds every command that has a Buffer argument into one new
// Buffer (Command.toWritable), and a pipeline joins those into yet another,
// so publishing 100 KB of weights with SET + PUBLISH allocated and filled
// about 500 KB per step, and pushing a gradient about 200 KB. Those fresh
// large buffers, not the copying itself, were the cost: they pushed Node's
// garbage collector into a full mark-compact every few steps in every
// process. Here an argument may be a list of chunks (a message's head and its
// tensor, see lib/wire/tensor-message.ts) that Redis receives as one bulk
// string; the chunks are written to the socket in order, corked so that the
// command leaves in one writev, and never copied.
//
// The chunks are referenced until the command's reply arrives (ioredis may
// re-send a command after a reconnect): do not change them before then.

import { Command, type Redis } from 'ioredis';

/** One argument: a string, or the chunks of one binary argument, sent back to back. */
export type ChunkedArg = string | number | readonly Uint8Array[];

interface CorkableSocket {
  write(chunk: string | Uint8Array): boolean;
  cork(): void;
  uncork(): void;
}

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

class ChunkedCommand extends Command {
  constructor(name: string, private readonly parts: readonly ChunkedArg[]) {
    // ioredis sees no arguments (it would copy Buffers into one while
    // stringifying them); toWritable below writes the real ones.
    super(name, [], { replyEncoding: 'utf8' });
  }

  /**
   * Called by ioredis with the socket right before it writes what this
   * returns: the chunks are written here, corked until the end of the tick
   * so that the whole command (and any command queued in the same tick) goes
   * out in one system call, and the last CRLF is returned for ioredis to write.
   */
  override toWritable(socket: object): string {
    const s = socket as CorkableSocket;
    s.cork();
    process.nextTick(() => s.uncork());
    let text = `*${this.parts.length + 1}\r\n$${Buffer.byteLength(this.name)}\r\n${this.name}\r\n`;
    for (const part of this.parts) {
      if (typeof part === 'string' || typeof part === 'number') {
        const str = String(part);
        text += `$${Buffer.byteLength(str)}\r\n${str}\r\n`;
        continue;
      }
      const length = part.reduce((n, c) => n + c.byteLength, 0);
      s.write(`${text}$${length}\r\n`);
      for (const chunk of part) if (chunk.byteLength > 0) s.write(asBuffer(chunk));
      text = '\r\n';
    }
    return text;
  }
}

/**
 * Sends `name args...` on `redis` and resolves with the reply (strings as
 * utf8). Works on a normal connection only: not inside a pipeline or MULTI
 * (those would reorder the chunks around other commands).
 */
export function sendChunked(redis: Redis, name: string, args: readonly ChunkedArg[]): Promise<unknown> {
  return redis.sendCommand(new ChunkedCommand(name, args)) as Promise<unknown>;
}
