// The terminal's view of a whole run: one line on stderr, redrawn in place,
//   epoch 3/10  step 2,345/9,380 [#########.....................]  25%  41,200 samples/s  ETA 0:11
// drawn only when the stream is a terminal (logs, pipes and CI output stay
// clean) and at most ten times a second, so it costs nothing per step.

/** What the bar needs of a stream: process.stderr, or a fake one in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressView {
  epoch: number;
  epochs: number;
  /** Steps done in the whole run, and its total (all epochs, cut by --max-steps). */
  done: number;
  total: number;
  /** Measured over this process's steps; null before there is anything to measure. */
  samplesPerSecond: number | null;
  etaSeconds: number | null;
}

const BAR_WIDTH = 30;

/** `seconds` as h:mm:ss or m:ss. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One line of the bar, without the carriage return; cut to `columns` when given. */
export function renderProgress(v: ProgressView, columns?: number): string {
  const fraction = v.total > 0 ? Math.min(1, v.done / v.total) : 0;
  const filled = Math.floor(fraction * BAR_WIDTH);
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const parts = [
    `epoch ${v.epoch}/${v.epochs}`,
    `step ${n(v.done)}/${n(v.total)} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%`,
    v.samplesPerSecond === null ? '- samples/s' : `${n(v.samplesPerSecond)} samples/s`,
    `ETA ${v.etaSeconds === null ? '-' : formatDuration(v.etaSeconds)}`,
  ];
  const line = parts.join('  ');
  // A line longer than the terminal wraps, and '\r' then redraws only its last row.
  return columns !== undefined && columns > 1 && line.length >= columns ? line.slice(0, columns - 1) : line;
}

export class ProgressBar {
  private lastDraw = -Infinity;
  private shown = false;
  /** Where this process's measurement starts: the first step it saw (a resumed run starts mid-way). */
  private start: { ms: number; done: number } | null = null;
  /** Samples of this process's steps after the first. */
  private samples = 0;

  constructor(
    private readonly stream: ProgressStream = process.stderr,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  /**
   * After a step of `stepSamples` samples: `done` of `total` run steps. Rate
   * and ETA are measured from the first call on, so the time spent loading
   * and uploading before the first step does not count.
   */
  update(epoch: number, epochs: number, done: number, total: number, stepSamples: number): void {
    if (!this.enabled) return;
    const now = this.now();
    if (this.start === null) {
      // The first step's own time is unknown: measure from its end, so the rate needs a second step.
      this.start = { ms: now, done };
    } else {
      this.samples += stepSamples;
    }
    if (now - this.lastDraw < 100 && done < total) return;
    this.lastDraw = now;
    const seconds = (now - this.start.ms) / 1000;
    const steps = done - this.start.done;
    const measured = seconds > 0 && steps > 0;
    this.stream.write('\r' + renderProgress({
      epoch, epochs, done, total,
      samplesPerSecond: measured ? this.samples / seconds : null,
      etaSeconds: measured ? ((total - done) * seconds) / steps : null,
    }, this.stream.columns));
    this.shown = true;
  }

  /** Erases the bar, so a log line can take its place; the next update draws it again. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[2K');
    this.shown = false;
    this.lastDraw = -Infinity;
  }
}
