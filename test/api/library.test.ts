// The library API from another package: dpt is compiled (with its type
// declarations) into a temporary copy, a temporary app links it the way
// `npm install <folder>` does, and the README's example runs there as it is
// written. Its parameters must match the CLI's for the same config; a second
// script trains with forked workers (2) against the test Redis and stops a
// run through an AbortSignal.

import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainCommand } from '../../cli/train-command.js';
import { useTestRedis, uniquePrefix } from '../helpers/redis.js';
import { tempDir } from '../helpers/temp-files.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const redis = useTestRedis();

/** The README's library example: the first js code block after "## Library API". */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Library API'));
  const m = /```js\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('README.md: no js example under "## Library API"');
  return m[1];
}

let app: string;

beforeAll(() => {
  // The package as `npm run build` makes it (tsc with declarations, the generated proto code), in a copy of its own.
  const pkg = tempDir('api-pkg');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(pkg, 'dist')], { stdio: 'inherit' });
  mkdirSync(join(pkg, 'dist', 'proto', 'gen'), { recursive: true });
  for (const f of ['dpt.js', 'dpt.d.ts']) copyFileSync(join(ROOT, 'proto', 'gen', f), join(pkg, 'dist', 'proto', 'gen', f));
  copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  cpSync(join(ROOT, 'bin'), join(pkg, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'proto', 'onnx'), join(pkg, 'proto', 'onnx'), { recursive: true });
  // Built artefacts and installed dependencies are shared, not copied.
  symlinkSync(join(ROOT, 'wasm'), join(pkg, 'wasm'));
  if (existsSync(join(ROOT, 'build'))) symlinkSync(join(ROOT, 'build'), join(pkg, 'build'));
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
  // The app: its own package.json, and dpt linked into its node_modules as `npm install <folder>` links it.
  app = tempDir('api-app');
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'dpt-api-app', private: true, type: 'module', dependencies: { dpt: `file:${pkg}` } }));
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(pkg, join(app, 'node_modules', 'dpt'));
}, 180_000);

function runScript(name: string, source: string, env: NodeJS.ProcessEnv = {}): { code: number | null; out: string; err: string } {
  writeFileSync(join(app, name), source);
  const r = spawnSync(process.execPath, [name], { cwd: app, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 170_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('import { train, loadModel } from \'dpt\' in another package', () => {
  it('runs the README example: the same parameters as `dpt train`', async () => {
    const example = readmeExample();
    expect(example.split('\n').filter((l) => l.trim() !== '').length).toBeLessThanOrEqual(16);
    const r = runScript('example.mjs', example);
    expect(r.code, r.err).toBe(0);
    const cli = await trainCommand({ preset: 'parity', epochs: '300', seed: '1', out: join(tempDir('api-cli'), 'out'), quiet: true });
    expect(r.out).toContain(`300 epochs, params sha256 ${cli.paramsSha256}`);
    expect(r.out).toMatch(/^epoch 100: error \d\.\d{4}$/m);
    const accuracy = Number(/test accuracy (\S+)/.exec(r.out)?.[1]);
    expect(accuracy).toBeCloseTo(cli.testAccuracy, 12);
    expect(r.out).toMatch(/^7 is class [01]$/m);
    expect(JSON.parse(readFileSync(join(app, 'runs', 'parity', 'summary.json'), 'utf8')).paramsSha256).toBe(cli.paramsSha256);
  });

  it('type-checks against the declarations, trains with 2 workers over Redis, and stops on abort', () => {
    // Types: a consumer's TypeScript sees train's and loadModel's signatures.
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] } }));
    writeFileSync(join(app, 'typed.ts'), [
      'import { train, loadModel, type TrainResult, type LoadedModel } from \'dpt\';',
      'const r: Promise<TrainResult> = train({ preset: \'parity\', epochs: 1 }, { workers: 0 });',
      'const m: Promise<LoadedModel> = loadModel(\'x\');',
      '// @ts-expect-error: epochs is a number',
      'void train({ epochs: \'ten\' });',
      'void r; void m;',
    ].join('\n'));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], { encoding: 'utf8' });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);

    const r = runScript('workers.mjs', `
      import { train, RunStoppedError } from 'dpt';
      const settings = { preset: 'parity', epochs: 20, batchSize: 32, shardSize: 8 };
      const local = await train(settings, { out: 'runs/w0' });
      let steps = 0;
      const distributed = await train(settings, { out: 'runs/w2', workers: 2, redisUrl: process.env.TEST_REDIS, prefix: process.env.TEST_PREFIX, onStep: () => void steps++ });
      console.log(JSON.stringify({ same: local.summary.paramsSha256 === distributed.summary.paramsSha256, workers: distributed.summary.workers, steps, total: distributed.summary.steps }));
      const stop = new AbortController();
      const stopped = await train(settings, { out: 'runs/stop', onEpoch: (m) => { if (m.epoch === 2) stop.abort(); }, signal: stop.signal }).catch((e) => e);
      console.log(JSON.stringify({ stopped: stopped instanceof RunStoppedError }));
    `, { TEST_REDIS: redis.url, TEST_PREFIX: uniquePrefix('api') });
    expect(r.code, r.err).toBe(0);
    const [first, second] = r.out.trim().split('\n').map((l) => JSON.parse(l));
    // parity trains on 704 samples: 22 steps of 32 per epoch.
    expect(first).toEqual({ same: true, workers: 2, steps: 20 * 22, total: 20 * 22 });
    expect(second).toEqual({ stopped: true });
  });
});
