// A one-line progress bar on stderr, drawn only when stderr is a terminal
// (logs and CI output stay clean), redrawn at most ten times a second.

export class ProgressBar {
  private last = 0;
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(label: string, done: number, total: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.last < 100 && done < total) return;
    this.last = now;
    const width = 30;
    const filled = Math.round((done / total) * width);
    const pct = ((done / total) * 100).toFixed(0).padStart(3);
    this.stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done}/${total}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
