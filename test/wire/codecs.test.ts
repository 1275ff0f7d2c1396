import { describe, expect, it } from 'vitest';
import { dpt } from '../../proto/gen/dpt.js';
import { WireError } from '../../lib/errors.js';
import type { Dataset } from '../../lib/data/dataset.js';
import * as codecs from '../../lib/wire/codecs.js';
import { configFromProto, configToProto } from '../../lib/wire/fields.js';
import {
  decodeCheckpoint,
  decodeDatasetBlob,
  decodeModel,
  decodeRunSpec,
  decodeShardResult,
  decodeWeightsSnapshot,
  encodeCheckpoint,
  encodeDatasetBlob,
  encodeModel,
  encodeRunSpec,
  encodeShardResult,
  encodeWeightsSnapshot,
} from '../../lib/wire/codecs.js';
import { crc32Table, tensorToBytes } from '../../lib/wire/tensors.js';
import type { RunSpec, ShardResult, WeightsSnapshot } from '../../lib/wire/types.js';
import { checkpoint, config, DATASET_REF, hex, model, PARAMS, specialTensor } from './fixtures.js';

/** Places `bytes` at `offset` inside a larger Buffer, as ioredis may. */
function atOffset(bytes: Uint8Array, offset: number): Buffer {
  const backing = Buffer.alloc(offset + bytes.byteLength + 5, 0xaa);
  backing.set(bytes, offset);
  return backing.subarray(offset, offset + bytes.byteLength);
}

/** Compares with tensors as bytes, so NaN payloads and -0 count. */
function normalize(v: unknown): unknown {
  if (v instanceof Float32Array || v instanceof Float64Array) return `${v.constructor.name}:${hex(v)}`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}:${hex(v)}`;
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  return v;
}

const expect64 = { dtype: 'float64', paramCount: PARAMS } as const;

describe('round trips', () => {
  it('RunSpec', () => {
    const s: RunSpec = { runId: 'r', config: config(), dataset: DATASET_REF, paramCount: PARAMS, createdBy: 'host:1', dispatch: 'list' };
    expect(decodeRunSpec(encodeRunSpec(s))).toEqual(s);
    expect(decodeRunSpec(encodeRunSpec({ ...s, dispatch: 'bullmq' })).dispatch).toBe('bullmq');
  });

  it('RunSpec: a spec written before the dispatch field means BullMQ; an unknown dispatch is refused both ways', () => {
    const s: RunSpec = { runId: 'r', config: config(), dataset: DATASET_REF, paramCount: PARAMS, createdBy: 'host:1', dispatch: 'list' };
    const raw = dpt.RunSpec.decode(encodeRunSpec(s));
    expect(decodeRunSpec(dpt.RunSpec.encode({ ...raw, dispatch: '' }).finish()).dispatch).toBe('bullmq');
    expect(() => decodeRunSpec(dpt.RunSpec.encode({ ...raw, dispatch: 'carrier-pigeon' }).finish())).toThrow(/unknown dispatch "carrier-pigeon"/);
    expect(() => encodeRunSpec({ ...s, dispatch: 'carrier-pigeon' as RunSpec['dispatch'] })).toThrow(WireError);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`ShardResult (${dtype}), from every Buffer offset`, () => {
      const r: ShardResult = {
        runId: 'r', step: 3, shard: 2, shardCount: 3, version: 3, samples: 4, errorSum: -0, correct: 3,
        gradient: specialTensor(dtype), worker: 'w-1', computeSeconds: 0.00125, host: 'node-7',
      };
      const bytes = encodeShardResult(r);
      for (let off = 0; off < 8; off++) {
        const back = decodeShardResult(atOffset(bytes, off), { dtype, paramCount: PARAMS });
        expect(normalize(back)).toEqual(normalize(r));
        expect(Object.is(back.errorSum, -0)).toBe(true);
      }
    });

    it(`WeightsSnapshot (${dtype}), from every Buffer offset`, () => {
      const s: WeightsSnapshot = { runId: 'r', version: 9, params: specialTensor(dtype) };
      const bytes = encodeWeightsSnapshot(s);
      for (let off = 0; off < 8; off++) {
        expect(normalize(decodeWeightsSnapshot(atOffset(bytes, off), { dtype, paramCount: PARAMS }))).toEqual(normalize(s));
      }
    });

    it(`Model (${dtype})`, () => {
      const m = model(dtype);
      for (let off = 0; off < 8; off++) expect(normalize(decodeModel(atOffset(encodeModel(m), off)))).toEqual(normalize(m));
    });

    it(`Checkpoint (${dtype})`, () => {
      const c = checkpoint(dtype);
      for (let off = 0; off < 8; off++) {
        expect(normalize(decodeCheckpoint(atOffset(encodeCheckpoint(c), off)))).toEqual(normalize(c));
      }
    });
  }

  it('DatasetBlob with byte inputs and with float inputs', () => {
    const bytesDs: Dataset = {
      name: 'parity', inputSize: 3, numClasses: 2, maxValue: 1,
      train: { count: 2, inputs: new Uint8Array([0, 1, 1, 1, 0, 0]), labels: new Uint8Array([0, 1]) },
      test: { count: 1, inputs: new Uint8Array([1, 1, 1]), labels: new Uint8Array([1]) },
    };
    expect(normalize(decodeDatasetBlob(encodeDatasetBlob(bytesDs)))).toEqual(normalize(bytesDs));
    const floatDs: Dataset = {
      name: '/data/x', inputSize: 2, numClasses: 3, maxValue: 2.5,
      train: { count: 1, inputs: new Float64Array([-0, 2.5]), labels: new Uint8Array([2]) },
      test: { count: 0, inputs: new Float64Array([]), labels: new Uint8Array([]) },
    };
    for (let off = 0; off < 8; off++) {
      expect(normalize(decodeDatasetBlob(atOffset(encodeDatasetBlob(floatDs), off)))).toEqual(normalize(floatDs));
    }
  });

  it('encoding is deterministic (same value, same bytes)', () => {
    expect(hex(encodeModel(model()))).toBe(hex(encodeModel(model())));
  });
});

describe('uint64 fields', () => {
  it('come back as JS numbers, including zero (the prototype default) and values above 2^32', () => {
    for (const samples of [0, 1, 2 ** 32, 2 ** 45 + 1, Number.MAX_SAFE_INTEGER]) {
      const back = decodeCheckpoint(encodeCheckpoint({ ...checkpoint(), samples }));
      expect(typeof back.samples).toBe('number');
      expect(back.samples).toBe(samples);
    }
    const ref = decodeRunSpec(encodeRunSpec({ runId: 'r', config: config(), dataset: { ...DATASET_REF, bytes: 0 }, paramCount: PARAMS, createdBy: '', dispatch: 'list' }));
    expect(ref.dataset.bytes).toBe(0);
  });

  it('are numbers in the generated code itself (Long is switched off), decoded and default', () => {
    const raw = dpt.Checkpoint.decode(dpt.Checkpoint.encode({ samples: 2 ** 40 + 3 }).finish());
    expect(typeof raw.samples).toBe('number');
    expect(raw.samples).toBe(2 ** 40 + 3);
    expect(typeof dpt.Checkpoint.decode(new Uint8Array(0)).samples).toBe('number');
    expect(typeof dpt.DatasetRef.decode(new Uint8Array(0)).bytes).toBe('number');
  });

  it('refuse values above 2^53 instead of rounding them', () => {
    const payload = dpt.Checkpoint.encode({
      ...dpt.Checkpoint.decode(encodeCheckpoint(checkpoint())),
      samples: 2 ** 60,
    }).finish();
    expect(() => decodeCheckpoint(payload)).toThrow(/^Checkpoint: samples must be a non-negative integer below 2\^53/);
    expect(() => encodeCheckpoint({ ...checkpoint(), samples: 2 ** 53 })).toThrow(WireError);
  });
});

describe('decoding garbage', () => {
  const decoders: Record<string, (b: Uint8Array) => unknown> = {
    RunSpec: decodeRunSpec,
    ShardResult: (b) => decodeShardResult(b, expect64),
    WeightsSnapshot: (b) => decodeWeightsSnapshot(b, expect64),
    Model: decodeModel,
    Checkpoint: decodeCheckpoint,
    DatasetBlob: decodeDatasetBlob,
  };

  for (const [name, decode] of Object.entries(decoders)) {
    it(`${name}: truncated or random bytes throw WireError naming ${name}`, () => {
      const cases = [Buffer.from([0xff, 0xff, 0xff]), Buffer.from([0x12, 0x05, 0x01]), Buffer.from([0x0a, 0x80])];
      // Deterministic pseudo-random payloads (xorshift), so a failure reproduces.
      let s = 0x9e3779b9;
      for (let k = 0; k < 200; k++) {
        const b = Buffer.alloc(1 + (k % 64));
        for (let i = 0; i < b.length; i++) {
          s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
          b[i] = s & 0xff;
        }
        cases.push(b);
      }
      for (const c of cases) {
        let err: unknown;
        try {
          decode(c);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(WireError);
        expect((err as WireError).what.startsWith(name)).toBe(true);
      }
    });
  }

  it('names the protobuf problem in the message', () => {
    expect(() => decodeModel(Buffer.from([0x12, 0x05, 0x01]))).toThrow(/^Model: not a valid Model message \(3 bytes\): index out of range/);
  });

  it('a non-Uint8Array input is a WireError too', () => {
    expect(() => decodeModel('nope' as unknown as Uint8Array)).toThrow(WireError);
  });
});

describe('validation on decode', () => {
  const base = () => dpt.Model.decode(encodeModel(model()));

  it('unknown enum strings are WireErrors naming the field', () => {
    const bad = base();
    bad.config!.activation = 'swish';
    expect(() => decodeModel(dpt.Model.encode(bad).finish())).toThrow(
      /^Model\.config: unknown activation "swish" \(expected sigmoid \| relu \| tanh\)$/,
    );
  });

  it('missing config or dataset', () => {
    const noConfig = base();
    noConfig.config = null;
    expect(() => decodeModel(dpt.Model.encode(noConfig).finish())).toThrow(/^Model: config is missing$/);
    const noDataset = base();
    noDataset.dataset = null;
    expect(() => decodeModel(dpt.Model.encode(noDataset).finish())).toThrow(/^Model: dataset is missing$/);
  });

  it('params whose length does not match structure and dtype', () => {
    const bad = base();
    bad.params = bad.params.subarray(8);
    expect(() => decodeModel(dpt.Model.encode(bad).finish())).toThrow(
      /^Model: params has 176 bytes but structure \[4, 3, 2\] in float64 needs 23 values \(184 bytes\)$/,
    );
    const f32 = base();
    f32.config!.dtype = 'float32'; // 184 bytes are 46 float32s, not 23
    expect(() => decodeModel(dpt.Model.encode(f32).finish())).toThrow(/needs 23 values \(92 bytes\)/);
  });

  it('a structure that cannot describe a network', () => {
    const bad = base();
    bad.config!.structure = [4];
    expect(() => decodeModel(dpt.Model.encode(bad).finish())).toThrow(/^Model\.config: structure needs at least/);
  });

  it('ShardResult: wrong gradient length, checksum mismatch, missing checksum', () => {
    const r: ShardResult = {
      runId: 'r', step: 0, shard: 0, shardCount: 1, version: 0, samples: 1, errorSum: 0, correct: 0,
      gradient: new Float64Array(PARAMS), worker: 'w',
    };
    const bytes = encodeShardResult(r);
    expect(() => decodeShardResult(bytes, { dtype: 'float64', paramCount: PARAMS + 1 })).toThrow(
      /^ShardResult\.gradient: expected 24 float64 values/,
    );
    const m = dpt.ShardResult.decode(bytes);
    m.gradient = Buffer.from(m.gradient);
    m.gradient[3] ^= 1;
    expect(() => decodeShardResult(dpt.ShardResult.encode(m).finish(), expect64)).toThrow(/^ShardResult: gradient crc32 mismatch/);
    m.crc32 = 0;
    expect(() => decodeShardResult(dpt.ShardResult.encode(m).finish(), expect64)).toThrow(/message says 0x00000000/);
  });

  it('WeightsSnapshot: dtype other than the run uses, or not a dtype at all', () => {
    const bytes = encodeWeightsSnapshot({ runId: 'r', version: 1, params: new Float32Array(PARAMS) });
    expect(() => decodeWeightsSnapshot(bytes, expect64)).toThrow(/^WeightsSnapshot: dtype is float32 but the run uses float64$/);
    const m = dpt.WeightsSnapshot.decode(bytes);
    m.dtype = 'bfloat16';
    expect(() => decodeWeightsSnapshot(dpt.WeightsSnapshot.encode(m).finish(), expect64)).toThrow(/unknown dtype "bfloat16"/);
  });

  it('RunSpec: paramCount inconsistent with the structure', () => {
    const m = dpt.RunSpec.decode(
      encodeRunSpec({ runId: 'r', config: config(), dataset: DATASET_REF, paramCount: PARAMS, createdBy: '', dispatch: 'list' }),
    );
    m.paramCount = 7;
    expect(() => decodeRunSpec(dpt.RunSpec.encode(m).finish())).toThrow(/^RunSpec: paramCount 7 does not match structure \(23\)$/);
  });

  it('DatasetBlob: unknown input type, ragged inputs, label out of range', () => {
    const ds: Dataset = {
      name: 'p', inputSize: 2, numClasses: 2, maxValue: 1,
      train: { count: 2, inputs: new Uint8Array([0, 1, 1, 0]), labels: new Uint8Array([0, 1]) },
      test: { count: 0, inputs: new Uint8Array([]), labels: new Uint8Array([]) },
    };
    const m = () => dpt.DatasetBlob.decode(encodeDatasetBlob(ds));
    const a = m();
    a.inputType = 'uint4';
    expect(() => decodeDatasetBlob(dpt.DatasetBlob.encode(a).finish())).toThrow(/^DatasetBlob: unknown inputType "uint4"$/);
    const b = m();
    b.trainInputs = b.trainInputs.subarray(1);
    expect(() => decodeDatasetBlob(dpt.DatasetBlob.encode(b).finish())).toThrow(/^DatasetBlob\.trainInputs: expected 4 uint8 values/);
    const c = m();
    c.numClasses = 1;
    expect(() => decodeDatasetBlob(dpt.DatasetBlob.encode(c).finish())).toThrow(/train label 1 is 1, not below numClasses 1/);
  });
});

describe('validation on encode', () => {
  it('uint32 fields refuse what protobufjs would silently coerce', () => {
    const r: ShardResult = { runId: 'r', step: -1, shard: 0, shardCount: 1, version: 0, samples: 1, errorSum: 0, correct: 0, gradient: new Float32Array(PARAMS), worker: 'w' };
    expect(() => encodeShardResult(r)).toThrow(/^ShardResult: step must be an unsigned 32-bit integer, got -1$/);
    expect(() => encodeShardResult({ ...r, step: 0, shard: 1.5 })).toThrow(/shard/);
    expect(() => encodeShardResult({ ...r, step: 2 ** 32 })).toThrow(WireError);
  });

  it('params must match config.dtype and structure', () => {
    expect(() => encodeModel({ ...model('float64'), params: new Float32Array(PARAMS) })).toThrow(
      /^Model: params are float32 but config.dtype is float64$/,
    );
    expect(() => encodeCheckpoint({ ...checkpoint('float32'), params: new Float32Array(PARAMS - 1) })).toThrow(
      /^Checkpoint: params has 22 values but structure \[4, 3, 2\] needs 23$/,
    );
  });

  it('RunSpec paramCount must match, dataset sha256 must be hex', () => {
    const s: RunSpec = { runId: 'r', config: config(), dataset: DATASET_REF, paramCount: 22, createdBy: '', dispatch: 'list' };
    expect(() => encodeRunSpec(s)).toThrow(/paramCount 22 does not match structure \(23\)/);
    expect(() => encodeRunSpec({ ...s, paramCount: PARAMS, dataset: { ...DATASET_REF, sha256: 'XYZ' } })).toThrow(
      /dataset\.sha256 must be 64 lowercase hex digits/,
    );
  });

  it('ShardResult and WeightsSnapshot carry the CRC-32 of their tensor', () => {
    const g = specialTensor('float32');
    const m = dpt.ShardResult.decode(
      encodeShardResult({ runId: '', step: 0, shard: 0, shardCount: 1, version: 0, samples: 0, errorSum: 0, correct: 0, gradient: g, worker: '' }),
    );
    expect(m.crc32).toBe(crc32Table(tensorToBytes(g)));
    const w = dpt.WeightsSnapshot.decode(encodeWeightsSnapshot({ runId: '', version: 0, params: g }));
    expect(w.dtype).toBe('float32');
    expect(w.crc32).toBe(crc32Table(tensorToBytes(g)));
  });

  it('DatasetBlob: labels out of range or mixed input types', () => {
    const ds: Dataset = {
      name: 'p', inputSize: 1, numClasses: 2, maxValue: 1,
      train: { count: 1, inputs: new Uint8Array([0]), labels: new Uint8Array([2]) },
      test: { count: 0, inputs: new Uint8Array([]), labels: new Uint8Array([]) },
    };
    expect(() => encodeDatasetBlob(ds)).toThrow(/train label 0 is 2/);
    expect(() =>
      encodeDatasetBlob({ ...ds, train: { ...ds.train, labels: new Uint8Array([1]) }, test: { count: 0, inputs: new Int8Array([]), labels: new Uint8Array([]) } }),
    ).toThrow(/test inputs are int8 but train inputs are uint8/);
  });
});

describe('configToProto / configFromProto', () => {
  it('round-trip a TrainConfig through the proto message', () => {
    const c = config({ activation: 'relu', loss: 'squared', init: 'he', dtype: 'float32', inputScaling: 'raw', eta: -0 });
    const p = configToProto(c);
    expect(p).toBeInstanceOf(dpt.TrainConfig);
    const back = configFromProto(dpt.TrainConfig.decode(dpt.TrainConfig.encode(p).finish()));
    expect(back).toEqual(c);
    expect(Object.is(back.eta, -0)).toBe(true);
  });

  it('reject unknown enum strings both ways', () => {
    const bad = { ...config(), loss: 'hinge' } as unknown as ReturnType<typeof config>;
    expect(() => configToProto(bad)).toThrow(/^TrainConfig: unknown loss "hinge" \(expected squared \| cross-entropy\)$/);
    for (const field of ['activation', 'loss', 'init', 'dtype', 'inputScaling'] as const) {
      const p = configToProto(config());
      p[field] = 'bogus';
      expect(() => configFromProto(p)).toThrow(WireError);
      expect(() => configFromProto(p)).toThrow(new RegExp(`unknown ${field} "bogus"`));
    }
  });

  it('an empty message is not a config', () => {
    expect(() => configFromProto({})).toThrow(WireError);
  });

  it('codecs exposes every documented encoder/decoder', () => {
    for (const name of ['RunSpec', 'ShardResult', 'WeightsSnapshot', 'Checkpoint', 'Model', 'DatasetBlob']) {
      expect(typeof (codecs as Record<string, unknown>)[`encode${name}`]).toBe('function');
      expect(typeof (codecs as Record<string, unknown>)[`decode${name}`]).toBe('function');
    }
  });
});

describe('ShardFailure', () => {
  it('round-trips, with the reason folded to one line and cut to 1000 characters', () => {
    const f = { runId: 'r1', step: 12, shard: 3, reason: 'weights version 12\n  did not arrive', worker: 'host:42' };
    expect(codecs.decodeShardFailure(codecs.encodeShardFailure(f))).toEqual({ ...f, reason: 'weights version 12 did not arrive' });
    const long = codecs.decodeShardFailure(codecs.encodeShardFailure({ ...f, reason: 'x'.repeat(5000) }));
    expect(long.reason).toHaveLength(1000);
  });

  it('refuses a step that is not an unsigned 32-bit integer, and bytes that are not the message', () => {
    expect(() => codecs.encodeShardFailure({ runId: 'r', step: -1, shard: 0, reason: '', worker: '' })).toThrow(/ShardFailure: step must be an unsigned 32-bit integer/);
    expect(() => codecs.decodeShardFailure(Buffer.from('3:1:some reason'))).toThrow(WireError);
  });
});
