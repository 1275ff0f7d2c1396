// CPU time used by this process and every process it started (worker
// processes, redis-server), from /proc on Linux. Wall time on a shared
// 2-core machine mixes in whoever else is running; CPU time per step says
// what the work itself costs, whoever got the cores.

import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second for /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  ppid: number;
  /** The executable's name (field 2 of stat), e.g. "node" or "redis-server". */
  name: string;
  cpuMs: number;
}

function readStat(pid: string): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return { ppid: Number(f[1]), name, cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND };
  } catch {
    return null; // exited meanwhile, or no /proc
  }
}

/**
 * CPU milliseconds of this process tree by role: `self` (this process: the
 * coordinator or the bench driver), `redis` (redis-server descendants) and
 * `workers` (every other descendant). Null without /proc.
 */
export interface CpuByRole {
  self: number;
  workers: number;
  redis: number;
}

export function cpuByRole(): CpuByRole | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  const stats = new Map<number, ProcStat>();
  for (const pid of pids) {
    const s = readStat(pid);
    if (!s) continue;
    stats.set(Number(pid), s);
    const list = children.get(s.ppid);
    if (list) list.push(Number(pid));
    else children.set(s.ppid, [Number(pid)]);
  }
  const own = process.cpuUsage();
  const out: CpuByRole = { self: (own.user + own.system) / 1000, workers: 0, redis: 0 };
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const pid = stack.pop() as number;
    const s = stats.get(pid);
    if (s) out[s.name.startsWith('redis-server') ? 'redis' : 'workers'] += s.cpuMs;
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** (b - a) / n for each role. */
export function cpuPerStep(a: CpuByRole, b: CpuByRole, n: number): CpuByRole {
  return { self: (b.self - a.self) / n, workers: (b.workers - a.workers) / n, redis: (b.redis - a.redis) / n };
}
