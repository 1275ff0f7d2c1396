// Invariants of deploy/: the image, the Compose file and the Kubernetes
// manifests. No Docker daemon or cluster is needed; tools that are present
// (kubectl for `kubectl kustomize`, redis-server, shellcheck, yamllint,
// hadolint) and the kubernetes-models package add deeper checks, and the
// tests that need them are skipped when they are absent.
import { describe, it, expect, vi } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { main } from '../../cli/main.js';
import { startPrivateRedis } from '../../lib/redis/private-redis.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEPLOY = join(ROOT, 'deploy');
const K8S = join(DEPLOY, 'k8s');

// ---------------------------------------------------------------------------
// Minimal shapes of what is checked (the schemas themselves are checked by
// kubernetes-models when it is installed).
// ---------------------------------------------------------------------------
type Labels = Record<string, string>;
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}
interface Resources { requests?: Record<string, string>; limits?: Record<string, string> }
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  allowPrivilegeEscalation?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { drop?: string[] };
  seccompProfile?: { type: string };
}
interface VolumeMount { name: string; mountPath: string; readOnly?: boolean }
interface Probe { httpGet?: { path: string; port: string | number }; exec?: { command: string[] } }
interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  resources?: Resources;
  securityContext?: SecurityContext;
  volumeMounts?: VolumeMount[];
}
interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string };
  configMap?: { name: string };
  emptyDir?: { medium?: string; sizeLimit?: string };
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  automountServiceAccountToken?: boolean;
  securityContext?: SecurityContext & { fsGroup?: number };
  volumes?: Volume[];
}
interface PodTemplate { metadata?: { labels?: Labels; annotations?: Record<string, string> }; spec: PodSpec }
interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Labels };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    template?: PodTemplate;
    parallelism?: number;
    ttlSecondsAfterFinished?: number;
    completions?: number | null;
    backoffLimit?: number;
    selector?: { matchLabels?: Labels };
    serviceName?: string;
    clusterIP?: string;
    ports?: { name?: string; port: number; targetPort?: string | number }[];
    volumeClaimTemplates?: { metadata: { name: string; labels?: Labels } }[];
    podSelector?: LabelSelector;
    ingress?: { from?: unknown[]; ports?: { protocol?: string; port: number }[] }[];
    // ServiceMonitor / PodMonitor (monitoring.coreos.com/v1)
    namespaceSelector?: { matchNames?: string[] };
    endpoints?: { port: string; path?: string }[];
    podMetricsEndpoints?: { port: string; path?: string }[];
  };
}
interface Kustomization {
  namespace?: string;
  resources: string[];
  nameSuffix?: string;
  labels?: { pairs: Labels; includeSelectors?: boolean; includeTemplates?: boolean }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  configMapGenerator?: { name: string; literals?: string[] }[];
}
interface ComposeService {
  image?: string;
  expose?: string[];
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  deploy?: { replicas?: number; resources?: { limits?: { cpus?: string; memory?: string } } };
  restart?: string;
}
interface ComposeFile { services: Record<string, ComposeService>; volumes?: Record<string, unknown> }

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------
function listFiles(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path, keep));
    else if (keep(entry.name)) out.push(path);
  }
  return out.sort();
}

const isYaml = (name: string): boolean => /\.ya?ml$/.test(name);

/** Every document of a YAML file; throws with the file name on any error or warning. */
function loadYaml<T>(path: string): T[] {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'), { merge: true });
  const problems = docs.flatMap((d) => [...d.errors, ...d.warnings]).map((e) => e.message);
  if (problems.length > 0) throw new Error(`${relative(ROOT, path)}: ${problems.join('; ')}`);
  return docs.map((d) => d.toJS() as T).filter((d) => d !== null && d !== undefined);
}

function loadOne<T>(path: string): T {
  const docs = loadYaml<T>(path);
  expect(docs, relative(ROOT, path)).toHaveLength(1);
  return docs[0];
}

function hasTool(cmd: string, args: string[] = ['--version']): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 20_000 });
  return r.error === undefined && r.status === 0;
}

/** Kubernetes quantity to a number (cores or bytes). */
function quantity(q: string | number): number {
  const s = String(q);
  const m = /^([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(s);
  if (!m) throw new Error(`bad quantity ${s}`);
  const unit: Record<string, number> = {
    '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40,
  };
  return Number(m[1]) * unit[m[2] ?? ''];
}

/** The value after `flag` in an argument list. */
function flagValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

/** A URL-ish string carrying a literal password (`scheme://user:pass@host`). */
const LITERAL_CREDENTIAL = /[a-z][a-z0-9+.-]*:\/\/[^/\s@:]*:(?!\$)[^/\s@]+@/i;

// ---------------------------------------------------------------------------
// Loaded once
// ---------------------------------------------------------------------------
const yamlFiles = listFiles(DEPLOY, isYaml);
const isKustomization = (f: string): boolean => /(^|\/)kustomization\.yaml$/.test(f);
const kustomizationAt = (dir: string): Kustomization => loadOne<Kustomization>(join(dir, 'kustomization.yaml'));
const kustomization = kustomizationAt(K8S);
/** The kustomization of deploy/k8s/run, which every run's overlay builds on (and which pins the image). */
const runKustomization = kustomizationAt(join(K8S, 'run'));
const overlayDirs = readdirSync(join(K8S, 'overlays')).map((d) => join(K8S, 'overlays', d)).sort();
const overlays = overlayDirs.map((dir) => ({ dir, k: kustomizationAt(dir) }));
/** Manifests (relative to deploy/k8s), kustomizations aside. */
const manifestFiles = listFiles(K8S, isYaml).map((f) => relative(K8S, f)).filter((f) => !isKustomization(f));
const objectsByFile = new Map(manifestFiles.map((f) => [f, loadYaml<K8sObject>(join(K8S, f))]));
/** The files a kustomization folder applies, following folder resources; relative to deploy/k8s. */
function kustomizedFiles(dir: string): string[] {
  return kustomizationAt(dir).resources.flatMap((r) => {
    const path = join(dir, r);
    return statSync(path).isDirectory() ? kustomizedFiles(path) : [relative(K8S, path)];
  });
}
const deployedFiles = [...new Set(kustomizedFiles(K8S))];
/** What `kubectl apply -k deploy/k8s` creates, as written in the files (before kustomize's names, labels and namespace). */
const deployed = deployedFiles.flatMap((f) => objectsByFile.get(f) ?? []);
const allObjects = [...objectsByFile.values()].flat();
/** Every configMapGenerator of deploy/k8s and its folders. */
const generators = listFiles(K8S, (n) => n === 'kustomization.yaml')
  .flatMap((f) => loadOne<Kustomization>(f).configMapGenerator ?? []);
const runIdOf = (k: Kustomization): string | undefined =>
  k.configMapGenerator?.find((g) => g.name === 'dpt-run')?.literals?.find((l) => l.startsWith('RUN_ID='))?.slice('RUN_ID='.length);

function find(kind: string, name: string): K8sObject {
  const obj = deployed.find((o) => o.kind === kind && o.metadata.name === name);
  if (!obj) throw new Error(`no ${kind}/${name} among the kustomization resources`);
  return obj;
}

const coordinatorJob = find('Job', 'dpt-coordinator');
const workersJob = find('Job', 'dpt-workers');
const redisSts = find('StatefulSet', 'dpt-redis');
const podOf = (o: K8sObject): PodSpec => {
  const spec = o.spec?.template?.spec;
  if (!spec) throw new Error(`${o.kind}/${o.metadata.name} has no pod template`);
  return spec;
};
const mainContainer = (o: K8sObject): Container => podOf(o).containers[0];
const workloads = deployed.filter((o) => o.spec?.template !== undefined);
const podLabels = (o: K8sObject): Labels => o.spec?.template?.metadata?.labels ?? {};
/** Whether a label selector (matchLabels and matchExpressions with In) selects `labels`. */
function selects(sel: LabelSelector | undefined, labels: Labels): boolean {
  if (sel === undefined || (sel.matchLabels === undefined && sel.matchExpressions === undefined)) return false;
  return Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v)
    && (sel.matchExpressions ?? []).every((e) => {
      if (e.operator !== 'In') throw new Error(`selector operator ${e.operator} not understood here`);
      return e.values?.includes(labels[e.key]) ?? false;
    });
}
const allContainers = (o: K8sObject): Container[] => [...(podOf(o).initContainers ?? []), ...podOf(o).containers];
const dptWorkloads = [coordinatorJob, workersJob];
const dptContainers = dptWorkloads.flatMap(allContainers);

const compose = loadOne<ComposeFile>(join(DEPLOY, 'compose.yaml'));
const dockerfileText = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');

/** Dockerfile instructions, with line continuations joined and comments dropped. */
interface Instruction { op: string; args: string; stage: number }
function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let stage = -1;
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue; // comment inside a continuation
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    const m = /^(\w+)\s+(.*)$/s.exec(full);
    if (!m) continue;
    const op = m[1].toUpperCase();
    if (op === 'FROM') stage += 1;
    out.push({ op, args: m[2].replace(/\s+/g, ' ').trim(), stage });
  }
  return out;
}
const instructions = parseDockerfile(dockerfileText);
const lastStage = Math.max(...instructions.map((i) => i.stage));
const argDefaults = new Map(
  instructions.filter((i) => i.op === 'ARG' && i.args.includes('='))
    .map((i) => i.args.split('=', 2) as [string, string]),
);
const expandArgs = (s: string): string => s.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string, b: string) => argDefaults.get(a ?? b) ?? '');

// ---------------------------------------------------------------------------
describe('deploy/: YAML files', () => {
  it('finds the expected files', () => {
    const rel = yamlFiles.map((f) => relative(DEPLOY, f));
    for (const f of ['compose.yaml', 'k8s/kustomization.yaml', 'k8s/base/namespace.yaml', 'k8s/base/redis.yaml',
      'k8s/secret.example.yaml', 'k8s/servicemonitor.example.yaml', 'k8s/run/coordinator-job.yaml', 'k8s/run/workers-job.yaml',
      'k8s/run/metrics-service.yaml', 'k8s/overlays/mnist-001/kustomization.yaml']) {
      expect(rel).toContain(f);
    }
  });

  it.each(yamlFiles.map((f) => [relative(ROOT, f), f]))('%s parses without errors or warnings', (_rel, file) => {
    expect(loadYaml<unknown>(file).length).toBeGreaterThan(0);
  });

  it.skipIf(!hasTool('yamllint'))('passes yamllint (deploy/.yamllint.yaml)', () => {
    const r = spawnSync('yamllint', ['-f', 'parsable', '-c', join(DEPLOY, '.yamllint.yaml'), DEPLOY], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

// ---------------------------------------------------------------------------
describe('deploy/k8s: structure and labels', () => {
  it('kustomization applies every manifest except the examples (Secret, ServiceMonitor)', () => {
    expect(kustomization.namespace).toBe('dpt');
    expect([...deployedFiles].sort()).toEqual(manifestFiles.filter((f) => !f.endsWith('.example.yaml')).sort());
    expect(deployedFiles).toHaveLength(new Set(deployedFiles).size);
    expect(deployed.some((o) => o.kind === 'Secret')).toBe(false);
    expect(deployed.some((o) => o.apiVersion.startsWith('monitoring.coreos.com/'))).toBe(false);
  });

  it('labels every object, pod template and claim template app.kubernetes.io/name=dpt with a component', () => {
    const check = (labels: Labels | undefined, what: string): void => {
      expect(labels?.['app.kubernetes.io/name'], what).toBe('dpt');
      expect(labels?.['app.kubernetes.io/component'], what).toMatch(/^[a-z][a-z0-9-]*$/);
    };
    for (const o of allObjects) {
      const what = `${o.kind}/${o.metadata.name}`;
      check(o.metadata.labels, what);
      if (o.spec?.template) check(o.spec.template.metadata?.labels, `${what} pod template`);
      for (const t of o.spec?.volumeClaimTemplates ?? []) check(t.metadata.labels, `${what} claim ${t.metadata.name}`);
    }
    expect(mainContainer(coordinatorJob).name).toBe('coordinator');
    expect(coordinatorJob.spec?.template?.metadata?.labels?.['app.kubernetes.io/component']).toBe('coordinator');
    expect(workersJob.spec?.template?.metadata?.labels?.['app.kubernetes.io/component']).toBe('worker');
    expect(redisSts.spec?.template?.metadata?.labels?.['app.kubernetes.io/component']).toBe('redis');
  });

  it('selectors of Services, the StatefulSet and the NetworkPolicies match the pods they target', () => {
    const redisPodLabels = podLabels(redisSts);
    expect(selects(redisSts.spec?.selector, redisPodLabels)).toBe(true);
    for (const svc of deployed.filter((o) => o.kind === 'Service')) {
      const selector = { matchLabels: (svc.spec as { selector?: Labels }).selector };
      const targets = workloads.filter((w) => selects(selector, podLabels(w)));
      expect(targets.map((w) => w.metadata.name), svc.metadata.name).toEqual(
        svc.metadata.name === 'dpt-coordinator-metrics' ? ['dpt-coordinator'] : ['dpt-redis']);
    }
    expect(deployed.some((o) => o.kind === 'Service' && o.metadata.name === redisSts.spec?.serviceName
      && o.spec?.clusterIP === 'None')).toBe(true);
    expect(selects(find('NetworkPolicy', 'dpt-redis').spec?.podSelector, redisPodLabels)).toBe(true);
  });

  it('every ConfigMap, Secret and PVC that a pod references is defined (or generated)', () => {
    const generated = new Set(generators.map((g) => g.name));
    const defined = (kind: string, name: string): boolean =>
      deployed.some((o) => o.kind === kind && o.metadata.name === name) || (kind === 'ConfigMap' && generated.has(name));
    const secretNames = new Set(allObjects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name));
    for (const w of workloads) {
      for (const c of allContainers(w)) {
        for (const e of c.env ?? []) {
          const cm = e.valueFrom?.configMapKeyRef;
          if (cm) expect(defined('ConfigMap', cm.name), `${c.name}: ConfigMap ${cm.name}`).toBe(true);
          const sec = e.valueFrom?.secretKeyRef;
          if (sec) expect(secretNames.has(sec.name), `${c.name}: Secret ${sec.name} (example)`).toBe(true);
        }
      }
      for (const v of podOf(w).volumes ?? []) {
        if (v.configMap) expect(defined('ConfigMap', v.configMap.name), v.configMap.name).toBe(true);
        if (v.persistentVolumeClaim) {
          expect(defined('PersistentVolumeClaim', v.persistentVolumeClaim.claimName)).toBe(true);
        }
      }
    }
  });

  it('every $(VAR) in a container command or args is an env var of that container', () => {
    for (const w of workloads) {
      for (const c of allContainers(w)) {
        const names = new Set((c.env ?? []).map((e) => e.name));
        for (const arg of [...(c.command ?? []), ...(c.args ?? [])]) {
          for (const m of arg.matchAll(/\$\((\w+)\)/g)) {
            expect(names.has(m[1]), `${w.metadata.name}/${c.name}: $(${m[1]})`).toBe(true);
          }
        }
      }
    }
  });
});

// ---------------------------------------------------------------------------
describe('deploy/k8s: image and secrets', () => {
  it('coordinator, workers and their init containers all run the same dpt image, the one kustomize pins', () => {
    const images = new Set(dptContainers.map((c) => c.image));
    expect(images.size).toBe(1);
    const [image] = [...images];
    const [repo, tag] = image.split(':');
    const entry = runKustomization.images?.find((i) => i.name === repo);
    expect(entry, `run/kustomization.yaml images[] entry for ${repo}`).toBeDefined();
    expect(entry?.newTag).toBe(tag);
    // And Compose builds/runs the same repository.
    for (const name of ['coordinator', 'worker']) {
      expect(compose.services[name].image?.replace(/^\$\{\w+:-(.*)\}$/, '$1').split(':')[0]).toBe(repo);
    }
  });

  it('coordinator and workers take REDIS_URL and DPT_SECRET from the dpt-redis Secret, never a literal', () => {
    for (const c of dptContainers) {
      // The init container that waits for Redis needs only its URL; the dpt processes need the secret too.
      const dpt = [...(c.command ?? []), ...(c.args ?? [])].some((a) => a === 'coordinator' || a === 'worker');
      for (const name of dpt ? ['REDIS_URL', 'DPT_SECRET'] : ['REDIS_URL']) {
        const env = (c.env ?? []).find((e) => e.name === name);
        expect(env, `${c.name} ${name}`).toBeDefined();
        expect(env?.value, c.name).toBeUndefined();
        expect(env?.valueFrom?.secretKeyRef).toEqual({ name: 'dpt-redis', key: name });
      }
      expect([...(c.command ?? []), ...(c.args ?? [])].join(' ')).not.toMatch(/--redis\b|redis:\/\/|--secret/);
    }
  });

  it('Redis takes its password from the Secret', () => {
    const c = mainContainer(redisSts);
    for (const name of ['REDIS_PASSWORD', 'REDISCLI_AUTH']) {
      const env = (c.env ?? []).find((e) => e.name === name);
      expect(env?.value, name).toBeUndefined();
      expect(env?.valueFrom?.secretKeyRef).toEqual({ name: 'dpt-redis', key: 'REDIS_PASSWORD' });
    }
  });

  it('no literal credentials in any deployable file of deploy/ except the example Secret', () => {
    // Everything but documentation (README.md shows URL syntax with placeholders).
    const files = listFiles(DEPLOY, (n) => n !== 'secret.example.yaml' && !n.endsWith('.md'));
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const line of text.split('\n')) {
        if (/^\s*(#|\/\/)/.test(line)) continue; // documentation
        expect(line, relative(ROOT, f)).not.toMatch(LITERAL_CREDENTIAL);
        expect(line, relative(ROOT, f)).not.toMatch(/requirepass\s+(?!%s|\$)\S+/);
        expect(line, relative(ROOT, f)).not.toMatch(/(PASSWORD|TOKEN|SECRET)\w*\s*[:=]\s*['"]?[A-Za-z0-9]{8,}/);
      }
    }
    for (const o of deployed) {
      expect(o.kind).not.toBe('Secret');
      for (const value of Object.values(o.data ?? {})) expect(value).not.toMatch(LITERAL_CREDENTIAL);
    }
  });

  it('the example Secret is an obvious placeholder whose URL matches the password and the Redis Service', () => {
    const secret = loadOne<K8sObject>(join(K8S, 'secret.example.yaml'));
    expect(secret.kind).toBe('Secret');
    expect(secret.metadata.name).toBe('dpt-redis');
    expect(secret.metadata.namespace).toBe(kustomization.namespace);
    const data = secret.stringData ?? {};
    expect(Object.keys(data).sort()).toEqual(['DPT_SECRET', 'REDIS_PASSWORD', 'REDIS_URL']);
    expect(data.REDIS_PASSWORD).toMatch(/CHANGE-ME/);
    expect(data.DPT_SECRET).toMatch(/CHANGE-ME/);
    const url = new URL(data.REDIS_URL);
    expect(url.protocol).toBe('redis:');
    expect(decodeURIComponent(url.password)).toBe(data.REDIS_PASSWORD);
    const svc = find('Service', url.hostname);
    expect(svc.spec?.ports?.map((p) => p.port)).toContain(Number(url.port || 6379));
  });
});

// ---------------------------------------------------------------------------
describe('deploy/k8s: Redis', () => {
  const cm = find('ConfigMap', 'dpt-redis-config');
  const conf = cm.data?.['redis.conf'] ?? '';
  const directives = new Map(
    conf.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => { const [k, ...rest] = l.split(/\s+/); return [k.toLowerCase(), rest.join(' ')] as const; }),
  );
  const redis = mainContainer(redisSts);
  const script = (redis.command ?? []).join('\n');
  const mountOf = (path: string): VolumeMount | undefined =>
    (redis.volumeMounts ?? []).find((m) => path === m.mountPath || path.startsWith(`${m.mountPath}/`));

  it('runs with noeviction, AOF, a memory cap and no RDB snapshots', () => {
    expect(directives.get('maxmemory-policy')).toBe('noeviction');
    expect(directives.get('appendonly')).toBe('yes');
    expect(directives.get('appendfsync')).toMatch(/^(everysec|always)$/);
    expect(directives.get('save')).toBe('""');
    const maxmemory = quantity((directives.get('maxmemory') ?? '').replace(/b$/i, '').replace(/([kmg])$/i, (u) => u.toUpperCase()));
    const limit = quantity(redis.resources?.limits?.memory ?? '0');
    expect(maxmemory).toBeGreaterThan(0);
    expect(maxmemory).toBeLessThanOrEqual(0.75 * limit); // headroom for the AOF-rewrite fork
  });

  it('keeps its data on the claim template, its config from the ConfigMap, the password in memory', () => {
    const dataMount = mountOf(directives.get('dir') ?? '');
    expect(redisSts.spec?.volumeClaimTemplates?.map((t) => t.metadata.name)).toContain(dataMount?.name);
    const volumes = podOf(redisSts).volumes ?? [];
    const confPath = /redis-server\s+(\S+)/.exec(script)?.[1] ?? '';
    const confVolume = volumes.find((v) => v.name === mountOf(confPath)?.name);
    expect(confVolume?.configMap?.name).toBe(cm.metadata.name);
    const include = directives.get('include') ?? '';
    expect(script).toContain(`> ${include}`);
    expect(volumes.find((v) => v.name === mountOf(include)?.name)?.emptyDir?.medium).toBe('Memory');
    expect(script).toMatch(/umask 077/);
    expect(script).not.toMatch(/--requirepass/); // never on the command line
  });

  it('has startup, readiness and liveness probes that require a PONG', () => {
    const probes = redis as Container & Record<string, { exec?: { command: string[] } } | undefined>;
    for (const p of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
      // redis-cli exits 0 on NOAUTH and LOADING errors: only PONG means ready.
      expect(probes[p]?.exec?.command.join(' '), p).toMatch(/redis-cli ping \| grep -q PONG/);
    }
  });

  it.skipIf(!hasTool('shellcheck'))('start-up script passes shellcheck', () => {
    const body = (redis.command ?? []).at(-1) ?? '';
    const r = spawnSync('shellcheck', ['-s', 'sh', '-'], { input: body, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!hasTool('redis-server') || !hasTool('redis-cli'))(
    'boots with the real config: auth required, noeviction and AOF live, password not in argv',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'dpt-redis-conf-'));
      const port = await freePort();
      const include = directives.get('include') ?? '';
      const dataDir = directives.get('dir') ?? '';
      const confPath = /redis-server\s+(\S+)/.exec(script)?.[1] ?? '';
      // The ConfigMap's config and the container's script, with paths moved into a temp dir.
      const relocate = (s: string): string => s
        .replaceAll(include, join(dir, 'auth.conf'))
        .replaceAll(confPath, join(dir, 'redis.conf'))
        .replace(new RegExp(`^dir ${dataDir}$`, 'm'), `dir ${dir}`)
        .replace(/^port \d+$/m, `port ${port}`)
        .replace(/^bind .*$/m, 'bind 127.0.0.1');
      writeFileSync(join(dir, 'redis.conf'), relocate(conf));
      const password = 'd0e5f1a2b3c4d5e6f7a8b9c0d1e2f3a4';
      const server = spawn('sh', ['-c', relocate((redis.command ?? []).at(-1) ?? '')], {
        env: { ...process.env, REDIS_PASSWORD: password }, stdio: 'ignore',
      });
      const cli = (args: string[], auth?: string): string => {
        const env = { ...process.env };
        delete env.REDISCLI_AUTH;
        if (auth !== undefined) env.REDISCLI_AUTH = auth;
        return spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', env }).stdout.trim();
      };
      try {
        let pong = '';
        for (let i = 0; i < 100 && pong !== 'PONG'; i++) {
          await new Promise((r) => setTimeout(r, 50));
          pong = cli(['ping'], password);
        }
        expect(pong).toBe('PONG');
        expect(cli(['ping'])).toMatch(/NOAUTH/);
        expect(cli(['config', 'get', 'maxmemory-policy'], password)).toMatch(/noeviction$/);
        expect(cli(['config', 'get', 'appendonly'], password)).toMatch(/yes$/);
        if (existsSync(`/proc/${server.pid}/cmdline`)) {
          expect(readFileSync(`/proc/${server.pid}/cmdline`, 'utf8')).not.toContain(password);
        }
      } finally {
        if (server.exitCode === null && server.signalCode === null) {
          const exited = new Promise((r) => server.once('exit', r));
          server.kill('SIGTERM');
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

// ---------------------------------------------------------------------------
describe('deploy/k8s: coordinator and workers Jobs', () => {
  const coord = mainContainer(coordinatorJob);
  const worker = mainContainer(workersJob);
  const runIdSource = (c: Container): EnvVar['valueFrom'] => {
    const ref = /^\$\((\w+)\)$/.exec(flagValue(c.args ?? [], '--run-id') ?? '')?.[1];
    return (c.env ?? []).find((e) => e.name === ref)?.valueFrom;
  };

  it('coordinator: `coordinator --run-id ...`, OnFailure, small backoffLimit', () => {
    expect(coord.command).toBeUndefined(); // keeps the image ENTRYPOINT (node bin/dpt.js)
    expect(coord.args?.[0]).toBe('coordinator');
    expect(flagValue(coord.args ?? [], '--run-id')).toMatch(/\S/);
    expect(podOf(coordinatorJob).restartPolicy).toBe('OnFailure');
    expect(coordinatorJob.spec?.backoffLimit).toBeGreaterThanOrEqual(1);
    expect(coordinatorJob.spec?.backoffLimit).toBeLessThanOrEqual(5);
    expect(coordinatorJob.spec?.parallelism ?? 1).toBe(1);
  });

  it('coordinator: --out and --checkpoint-dir are on the persistent volume', () => {
    const volumes = podOf(coordinatorJob).volumes ?? [];
    for (const flag of ['--out', '--checkpoint-dir']) {
      const path = flagValue(coord.args ?? [], flag) ?? '';
      const mount = (coord.volumeMounts ?? []).find((m) => path.startsWith(`${m.mountPath}/`));
      expect(mount, `${flag} ${path}`).toBeDefined();
      expect(mount?.readOnly).not.toBe(true);
      expect(volumes.find((v) => v.name === mount?.name)?.persistentVolumeClaim, flag).toBeDefined();
      expect(path).toContain('$(DPT_RUN_ID)'); // one folder per run
    }
    expect(podOf(coordinatorJob).securityContext?.fsGroup).toBe(podOf(coordinatorJob).securityContext?.runAsUser);
  });

  it('workers: `worker --run-id ...`, parallelism set, completions unset, a restart policy, a grace period', () => {
    expect(worker.command).toBeUndefined();
    expect(worker.args?.[0]).toBe('worker');
    expect(workersJob.spec?.parallelism).toBeGreaterThanOrEqual(2);
    const completions = workersJob.spec?.completions;
    // Unset (or equal to parallelism): the Job completes when the workers exit 0 at the end of the run.
    if (completions !== undefined && completions !== null) expect(completions).toBe(workersJob.spec?.parallelism);
    expect(podOf(workersJob).restartPolicy).toMatch(/^(Never|OnFailure)$/);
    expect(podOf(workersJob).terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
    expect(workersJob.spec?.backoffLimit).toBeGreaterThanOrEqual(1);
  });

  it('coordinator and workers get the run id from the same ConfigMap key, which kustomize generates', () => {
    const src = runIdSource(coord);
    expect(src?.configMapKeyRef).toBeDefined();
    expect(runIdSource(worker)).toEqual(src);
    // Every run's overlay generates it, with a run id.
    expect(overlays.length).toBeGreaterThanOrEqual(2);
    for (const { dir, k } of overlays) {
      const gen = k.configMapGenerator?.find((g) => g.name === src?.configMapKeyRef?.name);
      expect(gen?.literals?.some((l) => l.startsWith(`${src?.configMapKeyRef?.key}=`) && l.length > 'RUN_ID='.length), dir).toBe(true);
    }
  });

  it('both Jobs wait for Redis with the same init container, running `dpt wait-redis` on the dpt image', () => {
    const inits = dptWorkloads.map((w) => podOf(w).initContainers ?? []);
    expect(inits[0].map((c) => c.name)).toEqual(['wait-for-redis']);
    expect(inits[1]).toEqual(inits[0]);
    const [init] = inits[0];
    expect(init.command).toBeUndefined(); // the image's ENTRYPOINT: node bin/dpt.js
    expect(init.args?.[0]).toBe('wait-redis');
    expect(Number(flagValue(init.args ?? [], '--timeout'))).toBeGreaterThanOrEqual(60);
    expect(init.image).toBe(mainContainer(coordinatorJob).image);
  });

  it('no script is pasted into a manifest or the Compose file (`node -e`)', () => {
    for (const f of yamlFiles) {
      const text = readFileSync(f, 'utf8');
      expect(text, relative(ROOT, f)).not.toMatch(/node\s+-e\b|-\s+node\s*\n\s*-\s+-e\b|require\(['"]node:/);
    }
  });

  it.skipIf(!hasTool('redis-server'))('the init container\'s arguments wait for an authenticated Redis and exit 0, without printing the password',
    async () => {
      const password = 'not-to-be-logged-0123456789';
      const redis = await startPrivateRedis({ args: ['--requirepass', password] });
      const lines: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((l: string) => void lines.push(l));
      const error = vi.spyOn(console, 'error').mockImplementation((l: string) => void lines.push(l));
      vi.stubEnv('REDIS_URL', redis.url.replace('redis://', `redis://:${password}@`));
      try {
        const [init] = podOf(coordinatorJob).initContainers ?? [];
        expect(await main(['node', 'dpt', ...(init.args ?? [])])).toBe(0);
        expect(lines.join('\n')).toMatch(/answers PING/);
        expect(lines.join('\n')).not.toContain(password);
      } finally {
        vi.unstubAllEnvs();
        log.mockRestore();
        error.mockRestore();
        await redis.stop();
      }
    });

  it('every container has CPU and memory requests and limits, limits >= requests', () => {
    for (const w of workloads) {
      for (const c of allContainers(w)) {
        const what = `${w.metadata.name}/${c.name}`;
        for (const r of ['cpu', 'memory']) {
          const req = c.resources?.requests?.[r];
          const lim = c.resources?.limits?.[r];
          expect(req, `${what} requests.${r}`).toBeDefined();
          expect(lim, `${what} limits.${r}`).toBeDefined();
          expect(quantity(lim ?? '0'), what).toBeGreaterThanOrEqual(quantity(req ?? '0'));
        }
      }
    }
  });

  it('the V8 heap cap of each Node container stays below its memory limit', () => {
    for (const c of [coord, worker]) {
      const opts = (c.env ?? []).find((e) => e.name === 'NODE_OPTIONS')?.value ?? '';
      const heapMiB = Number(/--max-old-space-size=(\d+)/.exec(opts)?.[1]);
      expect(heapMiB, c.name).toBeGreaterThan(0);
      expect(heapMiB * 2 ** 20).toBeLessThanOrEqual(0.8 * quantity(c.resources?.limits?.memory ?? '0'));
    }
  });

  it('pods meet the restricted Pod Security profile the namespace enforces', () => {
    const ns = find('Namespace', 'dpt');
    expect(ns.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    for (const w of workloads) {
      const pod = podOf(w);
      expect(pod.securityContext?.runAsNonRoot, w.metadata.name).toBe(true);
      expect(pod.securityContext?.runAsUser, w.metadata.name).toBeGreaterThan(0);
      expect(pod.securityContext?.seccompProfile?.type).toBe('RuntimeDefault');
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of allContainers(w)) {
        expect(c.securityContext?.allowPrivilegeEscalation, c.name).toBe(false);
        expect(c.securityContext?.capabilities?.drop).toEqual(['ALL']);
        expect(c.securityContext?.readOnlyRootFilesystem, c.name).toBe(true);
      }
    }
  });

  it('dpt pods run as the uid the image declares', () => {
    const user = instructions.filter((i) => i.op === 'USER' && i.stage === lastStage).at(-1)?.args ?? '';
    for (const w of dptWorkloads) expect(String(podOf(w).securityContext?.runAsUser)).toBe(user.split(':')[0]);
  });
});

// ---------------------------------------------------------------------------
describe('deploy/k8s: schemas and rendering', () => {
  const modelsInstalled = existsSync(join(ROOT, 'node_modules', 'kubernetes-models'));
  const kubectl = hasTool('kubectl', ['version', '--client']);

  async function validateK8s(objects: K8sObject[]): Promise<void> {
    for (const o of objects) {
      // A variable specifier: the package is optional and must not be needed to type-check.
      const specifier = `kubernetes-models/${o.apiVersion}`;
      const mod = (await import(specifier)) as Record<string, new (data: unknown) => { validate(): void }>;
      const Model = mod[o.kind];
      expect(Model, `${o.apiVersion} ${o.kind}`).toBeDefined();
      expect(() => new Model(o).validate(), `${o.kind}/${o.metadata.name}`).not.toThrow();
    }
  }

  /** `kubectl kustomize dir`, parsed. */
  function render(dir: string): K8sObject[] {
    const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr, relative(ROOT, dir)).toBe('');
    expect(r.status).toBe(0);
    const docs = parseAllDocuments(r.stdout);
    expect(docs.flatMap((d) => d.errors)).toEqual([]);
    return docs.map((d) => d.toJS() as K8sObject);
  }

  // The Prometheus Operator's kinds (servicemonitor.example.yaml) are CRDs kubernetes-models does not know.
  const builtIn = (o: K8sObject): boolean => !o.apiVersion.startsWith('monitoring.coreos.com/');

  it.skipIf(!modelsInstalled)('every manifest validates against the Kubernetes schemas (kubernetes-models)', async () => {
    await validateK8s(allObjects.filter(builtIn));
  });

  it.skipIf(!kubectl)('kubectl kustomize renders a consistent set', async () => {
    const rendered = render(K8S);
    // Plus one generated run ConfigMap per run the kustomization applies.
    expect(rendered.length).toBe(deployed.length + kustomization.resources.filter((r) => r.startsWith('overlays/')).length);
    for (const o of rendered) {
      if (o.kind !== 'Namespace') expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe('dpt');
      expect(o.metadata.labels?.['app.kubernetes.io/name']).toBe('dpt');
      expect(o.metadata.labels?.['app.kubernetes.io/part-of']).toBe('dpt');
    }
    // The generated run ConfigMap is hashed and both Jobs point at that name.
    const runCm = rendered.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('dpt-run-'));
    expect(runCm?.data?.RUN_ID).toMatch(/\S/);
    const jobs = rendered.filter((o) => o.kind === 'Job');
    expect(jobs).toHaveLength(2);
    for (const j of jobs) {
      const refs = allContainers(j).flatMap((c) => c.env ?? []).map((e) => e.valueFrom?.configMapKeyRef?.name)
        .filter((n): n is string => n !== undefined);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(ref).toBe(runCm?.metadata.name);
      const entry = runKustomization.images?.[0];
      for (const c of allContainers(j)) expect(c.image).toBe(`${entry?.newName ?? entry?.name}:${entry?.newTag}`);
    }
    if (modelsInstalled) await validateK8s(rendered);
  });

  it('each run overlay builds on run/ with its run id as name suffix and instance label, all distinct', () => {
    const ids = overlays.map(({ dir, k }) => {
      const id = runIdOf(k);
      expect(id, dir).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(k.resources).toEqual(['../../run']);
      expect(k.namespace).toBe('dpt');
      expect(k.nameSuffix, dir).toBe(`-${id}`);
      const instance = k.labels?.find((l) => l.pairs['app.kubernetes.io/instance'] !== undefined);
      expect(instance?.pairs['app.kubernetes.io/instance'], dir).toBe(id);
      // In the Service's selector too, so one run's metrics Service never selects another run's coordinator.
      expect(instance?.includeSelectors).toBe(true);
      expect(instance?.includeTemplates).toBe(true);
      return id;
    });
    expect(new Set(ids).size).toBe(ids.length);
    // The default `kubectl apply -k deploy/k8s` applies exactly one of them, beside base/.
    expect(kustomization.resources.filter((r) => r.startsWith('overlays/'))).toHaveLength(1);
    expect(kustomization.resources).toContain('base');
  });

  it.skipIf(!kubectl)('runs side by side: every overlay renders names of its own, its run id everywhere, and Jobs that expire', () => {
    const seen = new Map<string, string>();
    const base = render(join(K8S, 'base'));
    for (const o of base) seen.set(`${o.kind}/${o.metadata.name}`, 'base');
    for (const { dir, k } of overlays) {
      const id = runIdOf(k) ?? '';
      const objects = render(dir);
      expect(objects.map((o) => o.kind).sort()).toEqual(['ConfigMap', 'Job', 'Job', 'PersistentVolumeClaim', 'Service']);
      for (const o of objects) {
        const key = `${o.kind}/${o.metadata.name}`;
        expect(seen.get(key), `${key} of ${relative(ROOT, dir)}`).toBeUndefined();
        seen.set(key, dir);
        expect(o.metadata.name).toContain(`-${id}`);
        expect(o.metadata.labels?.['app.kubernetes.io/instance']).toBe(id);
        expect(o.metadata.namespace).toBe('dpt');
      }
      const cm = objects.find((o) => o.kind === 'ConfigMap');
      expect(cm?.data?.RUN_ID).toBe(id);
      const pvc = objects.find((o) => o.kind === 'PersistentVolumeClaim');
      const svc = objects.find((o) => o.kind === 'Service');
      for (const job of objects.filter((o) => o.kind === 'Job')) {
        expect(job.spec?.ttlSecondsAfterFinished, job.metadata.name).toBeGreaterThan(0);
        expect(podLabels(job)['app.kubernetes.io/instance']).toBe(id);
        for (const c of allContainers(job)) {
          for (const e of c.env ?? []) if (e.valueFrom?.configMapKeyRef) expect(e.valueFrom.configMapKeyRef.name).toBe(cm?.metadata.name);
        }
        for (const v of podOf(job).volumes ?? []) if (v.persistentVolumeClaim) expect(v.persistentVolumeClaim.claimName).toBe(pvc?.metadata.name);
      }
      const coordinator = objects.find((o) => o.kind === 'Job' && podLabels(o)['app.kubernetes.io/component'] === 'coordinator');
      const workers = objects.find((o) => o.kind === 'Job' && podLabels(o)['app.kubernetes.io/component'] === 'worker');
      const selector = { matchLabels: (svc?.spec as { selector?: Labels }).selector };
      expect(selector.matchLabels?.['app.kubernetes.io/instance']).toBe(id);
      expect(selects(selector, podLabels(coordinator!))).toBe(true);
      expect(selects(selector, podLabels(workers!))).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------
describe('deploy/k8s: metrics, probes and scraping', () => {
  const METRICS_PORT = 9464;
  const metricsService = find('Service', 'dpt-coordinator-metrics');
  const monitors = loadYaml<K8sObject>(join(K8S, 'servicemonitor.example.yaml'));

  it.each([['coordinator'], ['workers']])('%s: a `metrics` port, DPT_METRICS_PORT, /healthz liveness and /readyz readiness on it', (which) => {
    const job = which === 'coordinator' ? coordinatorJob : workersJob;
    const c = mainContainer(job);
    const port = c.ports?.find((p) => p.name === 'metrics');
    expect(port?.containerPort).toBe(METRICS_PORT);
    expect(port?.protocol ?? 'TCP').toBe('TCP');
    expect(c.env?.find((e) => e.name === 'DPT_METRICS_PORT')?.value).toBe(String(METRICS_PORT));
    expect(c.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'metrics' });
    expect(c.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'metrics' });
    // The init container only waits: it serves nothing and has no probes.
    for (const init of podOf(job).initContainers ?? []) expect(init.ports ?? init.livenessProbe ?? init.readinessProbe).toBeUndefined();
  });

  it('pod templates carry the Prometheus scrape annotations, pointing at the metrics port', () => {
    for (const job of dptWorkloads) {
      const a = job.spec?.template?.metadata?.annotations ?? {};
      expect(a['prometheus.io/scrape'], job.metadata.name).toBe('true');
      expect(a['prometheus.io/port']).toBe(String(METRICS_PORT));
      expect(a['prometheus.io/path']).toBe('/metrics');
      expect(mainContainer(job).ports?.some((p) => p.containerPort === Number(a['prometheus.io/port']))).toBe(true);
    }
  });

  it('a Service exposes the coordinator\'s metrics port (and dashboard) by name', () => {
    expect(metricsService.spec?.ports).toEqual([{ name: 'metrics', port: METRICS_PORT, targetPort: 'metrics', protocol: 'TCP' }]);
    const selector = { matchLabels: (metricsService.spec as { selector?: Labels }).selector };
    expect(selects(selector, podLabels(coordinatorJob))).toBe(true);
    expect(selects(selector, podLabels(workersJob))).toBe(false);
  });

  it('the NetworkPolicies admit the scrape port to coordinator and workers, and only coordinator and workers to Redis', () => {
    const np = find('NetworkPolicy', 'dpt-metrics');
    for (const job of dptWorkloads) expect(selects(np.spec?.podSelector, podLabels(job)), job.metadata.name).toBe(true);
    expect(selects(np.spec?.podSelector, podLabels(redisSts))).toBe(false);
    const ports = (np.spec?.ingress ?? []).flatMap((r) => r.ports ?? []);
    expect(ports).toEqual([{ protocol: 'TCP', port: METRICS_PORT }]);
    const redisNp = find('NetworkPolicy', 'dpt-redis');
    expect((redisNp.spec?.ingress ?? []).flatMap((r) => r.ports ?? [])).toEqual([{ protocol: 'TCP', port: 6379 }]);
  });

  it('servicemonitor.example.yaml: a ServiceMonitor on the metrics Service and a PodMonitor on the workers, both on /metrics', () => {
    const sm = monitors.find((o) => o.kind === 'ServiceMonitor');
    const pm = monitors.find((o) => o.kind === 'PodMonitor');
    for (const m of [sm, pm]) {
      expect(m?.apiVersion).toBe('monitoring.coreos.com/v1');
      expect(m?.metadata.namespace).toBe(kustomization.namespace);
      expect(m?.spec?.namespaceSelector?.matchNames).toEqual([kustomization.namespace]);
    }
    // The ServiceMonitor selects Services by their labels, and names the Service's port.
    expect(selects(sm?.spec?.selector, metricsService.metadata.labels ?? {})).toBe(true);
    for (const svc of deployed.filter((o) => o.kind === 'Service' && o !== metricsService)) {
      expect(selects(sm?.spec?.selector, svc.metadata.labels ?? {}), svc.metadata.name).toBe(false);
    }
    expect(sm?.spec?.endpoints).toEqual([expect.objectContaining({ port: 'metrics', path: '/metrics' })]);
    expect(metricsService.spec?.ports?.map((p) => p.name)).toContain(sm?.spec?.endpoints?.[0].port);
    // The PodMonitor selects pods, and names the container's port.
    expect(selects(pm?.spec?.selector, podLabels(workersJob))).toBe(true);
    expect(selects(pm?.spec?.selector, podLabels(coordinatorJob))).toBe(false);
    expect(pm?.spec?.podMetricsEndpoints).toEqual([expect.objectContaining({ port: 'metrics', path: '/metrics' })]);
    expect(mainContainer(workersJob).ports?.map((p) => p.name)).toContain(pm?.spec?.podMetricsEndpoints?.[0].port);
  });

  it('both Jobs expire after they finish (ttlSecondsAfterFinished)', () => {
    for (const job of dptWorkloads) {
      expect(job.spec?.ttlSecondsAfterFinished, job.metadata.name).toBeGreaterThanOrEqual(3600);
    }
  });
});

// ---------------------------------------------------------------------------
describe('deploy/compose.yaml', () => {
  const { redis, coordinator, worker } = compose.services;
  const waitRedis = compose.services['wait-redis'];
  const cmd = (s: ComposeService): string[] => s.command ?? [];

  it('Redis: redis:7, noeviction, appendonly, a healthcheck that needs PONG, no published port', () => {
    expect(redis.image).toMatch(/^redis:7(\b|$)/);
    const c = cmd(redis);
    expect(flagValue(c, '--maxmemory-policy')).toBe('noeviction');
    expect(flagValue(c, '--appendonly')).toBe('yes');
    expect(redis.healthcheck?.test.join(' ')).toMatch(/redis-cli ping \| grep -q PONG/);
    expect(redis.ports).toBeUndefined();
    expect(redis.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
  });

  it('coordinator and workers: one image built from deploy/Dockerfile at the repository root', () => {
    expect(coordinator.image).toBe(worker.image);
    for (const s of [coordinator, worker]) {
      expect(s.build?.context).toBe('..');
      expect(s.build?.dockerfile).toBe('deploy/Dockerfile');
      expect(existsSync(join(DEPLOY, s.build?.context ?? '', s.build?.dockerfile ?? ''))).toBe(true);
    }
  });

  it('coordinator: `coordinator --run-id`, outputs and checkpoints on a named volume', () => {
    const c = cmd(coordinator);
    expect(c[0]).toBe('coordinator');
    expect(flagValue(c, '--run-id')).toMatch(/\S/);
    const mounts = (coordinator.volumes ?? []).map((v) => v.split(':'));
    for (const flag of ['--out', '--checkpoint-dir']) {
      const path = flagValue(c, flag) ?? '';
      const mount = mounts.find(([, target]) => path.startsWith(`${target}/`));
      expect(mount, `${flag} ${path}`).toBeDefined();
      expect(Object.keys(compose.volumes ?? {})).toContain(mount?.[0]);
    }
  });

  it('workers: `worker` on the same run id, at least 2 replicas, not restarted after a clean exit', () => {
    const c = cmd(worker);
    expect(c[0]).toBe('worker');
    expect(flagValue(c, '--run-id')).toBe(flagValue(cmd(coordinator), '--run-id'));
    expect(worker.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(worker.restart).toBe('on-failure');
  });

  it('both start once `dpt wait-redis` has seen Redis answer, and read REDIS_URL without credentials in the file', () => {
    expect(cmd(waitRedis)[0]).toBe('wait-redis');
    expect(Number(flagValue(cmd(waitRedis), '--timeout'))).toBeGreaterThan(0);
    expect(waitRedis.image).toBe(coordinator.image);
    expect(waitRedis.restart).toBe('no');
    expect(waitRedis.environment?.REDIS_URL).toBe(coordinator.environment?.REDIS_URL);
    expect(waitRedis.depends_on?.redis).toBeDefined();
    for (const s of [coordinator, worker, waitRedis]) {
      if (s !== waitRedis) expect(s.depends_on?.['wait-redis']?.condition).toBe('service_completed_successfully');
      const url = s.environment?.REDIS_URL ?? '';
      expect(url).toMatch(/redis:\/\/redis:6379/);
      expect(url).not.toMatch(LITERAL_CREDENTIAL);
      expect(cmd(s).join(' ')).not.toMatch(/--redis\b/);
    }
  });

  it('coordinator and workers serve the metrics contract on 9464; the coordinator\'s dashboard on this host\'s loopback only', () => {
    for (const s of [coordinator, worker]) expect(s.environment?.DPT_METRICS_PORT).toBe('9464');
    expect(coordinator.ports).toEqual(['127.0.0.1:9464:9464']);
    expect(worker.ports).toBeUndefined(); // replicas would collide on the host
    expect(worker.expose).toEqual(['9464']);
  });
});

// ---------------------------------------------------------------------------
describe('deploy/Dockerfile', () => {
  const froms = instructions.filter((i) => i.op === 'FROM');
  const inStage = (stage: number, op: string): Instruction[] => instructions.filter((i) => i.stage === stage && i.op === op);
  const buildStage = froms.findIndex((f) => / AS build$/i.test(f.args));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    bin?: Record<string, string>; scripts?: Record<string, string>;
  };

  it('is multi-stage on node:20-bookworm-slim', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(buildStage).toBeGreaterThanOrEqual(0);
    for (const f of froms) expect(expandArgs(f.args.split(' ')[0])).toMatch(/^node:20-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
  });

  it('build stage: `npm ci` with scripts on (prepare compiles dist/)', () => {
    expect(pkg.scripts?.prepare).toMatch(/\btsc\b/);
    const runs = inStage(buildStage, 'RUN').map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b(?![^&]*--ignore-scripts)/.test(r))).toBe(true);
  });

  it('runtime stage: production deps only (`npm ci --omit=dev --ignore-scripts`), dist/ from the build stage', () => {
    const runs = inStage(lastStage, 'RUN').map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b/.test(r) && r.includes('--omit=dev') && r.includes('--ignore-scripts'))).toBe(true);
    expect(inStage(lastStage, 'COPY').some((i) => /--from=build\s+\S*dist\s/.test(i.args))).toBe(true);
    expect(inStage(lastStage, 'ENV').some((i) => /NODE_ENV=production/.test(i.args))).toBe(true);
  });

  it('runs as a numeric non-root user, with ENTRYPOINT node bin/dpt.js and CMD worker', () => {
    const users = inStage(lastStage, 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)?.args ?? '';
    expect(user).toMatch(/^\d+(:\d+)?$/); // numeric, so runAsNonRoot can verify it
    expect(user.split(':')[0]).not.toBe('0');
    const idx = (i: Instruction | undefined): number => (i ? instructions.indexOf(i) : -1);
    const entry = inStage(lastStage, 'ENTRYPOINT').at(-1);
    expect(idx(users.at(-1))).toBeLessThan(idx(entry));
    expect(JSON.parse(entry?.args ?? 'null')).toEqual(['node', 'bin/dpt.js']);
    expect(JSON.parse(inStage(lastStage, 'CMD').at(-1)?.args ?? 'null')).toEqual(['worker']);
    expect(pkg.bin?.dpt).toBe('bin/dpt.js');
  });

  it('creates the writable /var/lib/dpt that Kubernetes and Compose mount', () => {
    expect(inStage(lastStage, 'RUN').some((i) => /mkdir -p \/var\/lib\/dpt/.test(i.args) && /chown 1000:1000 \/var\/lib\/dpt/.test(i.args))).toBe(true);
    expect((mainContainer(coordinatorJob).volumeMounts ?? []).map((m) => m.mountPath)).toContain('/var/lib/dpt');
    expect(compose.services.coordinator.volumes?.some((v) => v.endsWith(':/var/lib/dpt'))).toBe(true);
  });

  // COPY sources from the build context (not --from=stage).
  const contextSources = instructions.filter((i) => i.op === 'COPY' && !i.args.includes('--from='))
    .flatMap((i) => i.args.replace(/--\S+/g, '').trim().split(' ').slice(0, -1));

  it('the build stage copies every folder tsconfig.build.json compiles, and the files exist', () => {
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include?: string[]; extends?: string };
    const topDirs = new Set((tsconfig.include ?? []).map((p) => p.split('/')[0]));
    const buildSources = inStage(buildStage, 'COPY').flatMap((i) => i.args.replace(/--\S+/g, '').trim().split(' ').slice(0, -1));
    for (const d of topDirs) expect(buildSources, `COPY ${d}`).toContain(d);
    expect(buildSources).toContain('tsconfig.build.json');
    if (tsconfig.extends) expect(buildSources).toContain(tsconfig.extends.replace(/^\.\//, ''));
    for (const s of contextSources) expect(existsSync(join(ROOT, s)), s).toBe(true);
  });

  it('Dockerfile.dockerignore is an allow-list that lets every COPY source through', () => {
    const lines = readFileSync(join(DEPLOY, 'Dockerfile.dockerignore'), 'utf8').split('\n')
      .map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
    expect(lines[0]).toBe('*');
    const allowed = new Set(lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, '')));
    for (const s of contextSources) expect(allowed.has(s.replace(/\/$/, '')), `!${s}`).toBe(true);
  });

  it.skipIf(!hasTool('hadolint'))('passes hadolint', () => {
    const r = spawnSync('hadolint', [join(DEPLOY, 'Dockerfile')], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}
