// The terminal progress bar: the whole run (step k of total), rate and ETA,
// drawn on a terminal only, throttled, and erased before a log line.
import { describe, expect, it } from 'vitest';
import { formatDuration, ProgressBar, renderProgress, type ProgressStream } from '../../lib/train/progress-bar.js';
import { prepareRun, runTraining } from '../../lib/train/run-training.js';
import { InProcessExecutor } from '../../lib/train/train-loop.js';
import { tempDir } from '../helpers/temp-files.js';
import { join } from 'node:path';

/** A stream that records what is written; a terminal when `isTTY`. */
function fakeStream(isTTY: boolean, columns?: number): ProgressStream & { writes: string[] } {
  const writes: string[] = [];
  return { isTTY, columns, writes, write: (t: string) => writes.push(t) };
}

describe('renderProgress', () => {
  it('shows the epoch, the run\'s step k of total with a bar and percent, the rate and the ETA', () => {
    expect(renderProgress({ epoch: 3, epochs: 10, done: 2345, total: 9380, samplesPerSecond: 41234.6, etaSeconds: 11.4 })).toBe(
      'epoch 3/10  step 2,345/9,380 [#######.......................]  25%  41,235 samples/s  ETA 0:11');
  });

  it('before anything is measured: no rate, no ETA', () => {
    expect(renderProgress({ epoch: 1, epochs: 1, done: 1, total: 4, samplesPerSecond: null, etaSeconds: null })).toBe(
      'epoch 1/1  step 1/4 [#######.......................]  25%  - samples/s  ETA -');
  });

  it('full at the end, and cut to the terminal width so \\r redraws one row', () => {
    const line = renderProgress({ epoch: 2, epochs: 2, done: 10, total: 10, samplesPerSecond: 5, etaSeconds: 0 });
    expect(line).toContain(`[${'#'.repeat(30)}] 100%`);
    expect(renderProgress({ epoch: 2, epochs: 2, done: 10, total: 10, samplesPerSecond: 5, etaSeconds: 0 }, 40)).toBe(line.slice(0, 39));
  });

  it('durations as m:ss and h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(59.6)).toBe('1:00');
    expect(formatDuration(3599)).toBe('59:59');
    expect(formatDuration(3 * 3600 + 62)).toBe('3:01:02');
  });
});

describe('ProgressBar', () => {
  it('draws nothing when the stream is not a terminal', () => {
    const s = fakeStream(false);
    const bar = new ProgressBar(s, () => 0);
    bar.update(1, 1, 1, 10, 64);
    bar.clear();
    expect(bar.enabled).toBe(false);
    expect(s.writes).toEqual([]);
  });

  it('measures rate and ETA from its first step on, redraws at most every 100 ms, and always draws the last step', () => {
    const s = fakeStream(true);
    let now = 5000; // time spent before the first step (loading, uploading) must not count
    const bar = new ProgressBar(s, () => now);
    bar.update(1, 2, 1, 100, 64);
    expect(s.writes).toEqual(['\r' + renderProgress({ epoch: 1, epochs: 2, done: 1, total: 100, samplesPerSecond: null, etaSeconds: null })]);
    now += 50;
    for (let k = 2; k <= 10; k++) bar.update(1, 2, k, 100, 64); // within 100 ms: not drawn
    expect(s.writes).toHaveLength(1);
    now += 950; // 1 s after the first step, 10 more steps of 64 samples
    bar.update(1, 2, 11, 100, 64);
    expect(s.writes).toHaveLength(2);
    // 10 steps (640 samples) in 1 s: 640 samples/s; 89 steps left at 10 steps/s: 8.9 s.
    expect(s.writes[1]).toBe('\r' + renderProgress({ epoch: 1, epochs: 2, done: 11, total: 100, samplesPerSecond: 640, etaSeconds: 8.9 }));
    expect(s.writes[1]).toMatch(/step 11\/100 .* 640 samples\/s {2}ETA 0:09$/);
    now += 1;
    bar.update(2, 2, 100, 100, 64); // the last step is drawn however soon
    expect(s.writes).toHaveLength(3);
    expect(s.writes[2]).toContain('step 100/100');
  });

  it('clear() erases a drawn bar once, and the next step draws it again at once', () => {
    const s = fakeStream(true);
    let now = 0;
    const bar = new ProgressBar(s, () => now);
    bar.clear();
    expect(s.writes).toEqual([]); // nothing drawn, nothing to erase
    bar.update(1, 2, 1, 10, 8);
    bar.clear();
    bar.clear();
    expect(s.writes.slice(1)).toEqual(['\r\x1b[2K']);
    now += 1;
    bar.update(2, 2, 6, 10, 8);
    expect(s.writes).toHaveLength(3);
    expect(s.writes[2]).toMatch(/^\repoch 2\/2 {2}step 6\/10/);
  });

  it('fits the line to the terminal\'s columns', () => {
    const s = fakeStream(true, 30);
    new ProgressBar(s, () => 0).update(1, 1, 1, 10, 8);
    expect(s.writes[0].length).toBe(1 + 29);
  });
});

describe('a training run on a terminal', () => {
  it('counts the whole run\'s steps across epochs and erases the bar before each epoch line', async () => {
    const s = fakeStream(true, 200);
    const run = prepareRun({ preset: 'parity', epochs: '3' }); // 88 steps per epoch
    const printed: string[] = [];
    await runTraining(run, new InProcessExecutor(run.ctx), {
      outDir: join(tempDir('progress'), 'out'), print: (l) => printed.push(l), progress: s,
    });
    const draws = s.writes.filter((w) => w.startsWith('\repoch'));
    expect(draws.length).toBeGreaterThanOrEqual(3);
    for (const w of draws) expect(w).toMatch(/^\repoch [1-3]\/3 {2}step \d+\/264 \[/);
    // The run's last step is always drawn (never throttled), then erased for the last epoch line.
    expect(draws.at(-1)).toMatch(/step 264\/264 \[#{30}\] 100%/);
    expect(s.writes.at(-1)).toBe('\r\x1b[2K');
    expect(printed.filter((l) => l.startsWith('epoch '))).toHaveLength(3);
  });
});
