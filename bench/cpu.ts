// CPU time used by this process and every process it started (worker
// processes, redis-server), from /proc on Linux. Wall time on a shared
// 2-core machine mixes in whoever else is running; CPU time per step says
// what the work itself costs, whoever got the cores.

import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second for /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  ppid: number;
  cpuMs: number;
}

function readStat(pid: string): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return { ppid: Number(f[1]), cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND };
  } catch {
    return null; // exited meanwhile, or no /proc
  }
}

/** CPU milliseconds (user + system) of this process and all its live descendants; null without /proc. */
export function treeCpuMs(): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const pid of pids) {
    const s = readStat(pid);
    if (!s) continue;
    cpu.set(Number(pid), s.cpuMs);
    const list = children.get(s.ppid);
    if (list) list.push(Number(pid));
    else children.set(s.ppid, [Number(pid)]);
  }
  const own = process.cpuUsage();
  let total = (own.user + own.system) / 1000;
  const stack = [...(children.get(process.pid) ?? [])];
  while (stack.length) {
    const pid = stack.pop() as number;
    total += cpu.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}
