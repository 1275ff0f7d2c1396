// TrainConfig (lib/train/config.ts) <-> the proto TrainConfig. The proto
// carries the enums as strings, so both directions check them against the
// allowed lists: an unknown activation from a newer or buggy peer must stop
// the run, not silently train something else.
import { dpt } from '../../proto/gen/dpt.js';
import { ACTIVATIONS, DTYPES, INITS, INPUT_SCALINGS, LOSSES, type TrainConfig } from '../config.js';
import { oneOf, u32, u32s } from './field-checks.js';
import { paramCount } from './param-count.js';

export function configToProto(c: TrainConfig, what = 'TrainConfig'): dpt.TrainConfig {
  // paramCount rejects structures that cannot describe a network.
  paramCount(c.structure, what);
  return dpt.TrainConfig.create({
    dataset: c.dataset,
    structure: u32s(c.structure, what, 'structure'),
    epochs: u32(c.epochs, what, 'epochs'),
    batchSize: u32(c.batchSize, what, 'batchSize'),
    shardSize: u32(c.shardSize, what, 'shardSize'),
    eta: c.eta,
    seed: u32(c.seed, what, 'seed'),
    activation: oneOf(c.activation, ACTIVATIONS, what, 'activation'),
    loss: oneOf(c.loss, LOSSES, what, 'loss'),
    init: oneOf(c.init, INITS, what, 'init'),
    dtype: oneOf(c.dtype, DTYPES, what, 'dtype'),
    inputScaling: oneOf(c.inputScaling, INPUT_SCALINGS, what, 'inputScaling'),
    trainLimit: u32(c.trainLimit, what, 'trainLimit'),
    testLimit: u32(c.testLimit, what, 'testLimit'),
    maxSteps: u32(c.maxSteps, what, 'maxSteps'),
  });
}

/** Accepts a decoded message or a plain properties object; absent fields take proto3 defaults. */
export function configFromProto(p: dpt.TrainConfig.$Properties, what = 'TrainConfig'): TrainConfig {
  // Copy: a decoded message's default is a shared frozen array.
  const structure = u32s(p.structure ?? [], what, 'structure');
  paramCount(structure, what);
  return {
    dataset: p.dataset ?? '',
    structure,
    epochs: u32(p.epochs ?? 0, what, 'epochs'),
    batchSize: u32(p.batchSize ?? 0, what, 'batchSize'),
    shardSize: u32(p.shardSize ?? 0, what, 'shardSize'),
    eta: p.eta ?? 0,
    seed: u32(p.seed ?? 0, what, 'seed'),
    activation: oneOf(p.activation ?? '', ACTIVATIONS, what, 'activation'),
    loss: oneOf(p.loss ?? '', LOSSES, what, 'loss'),
    init: oneOf(p.init ?? '', INITS, what, 'init'),
    dtype: oneOf(p.dtype ?? '', DTYPES, what, 'dtype'),
    inputScaling: oneOf(p.inputScaling ?? '', INPUT_SCALINGS, what, 'inputScaling'),
    trainLimit: u32(p.trainLimit ?? 0, what, 'trainLimit'),
    testLimit: u32(p.testLimit ?? 0, what, 'testLimit'),
    maxSteps: u32(p.maxSteps ?? 0, what, 'maxSteps'),
  };
}
