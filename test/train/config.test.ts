import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../lib/config.js';
import { checkAgainstDataset } from '../../lib/train/model-context.js';
import { loadParity } from '../../lib/data/parity.js';
import { refusal } from '../helpers/refusal.js';

describe('resolveConfig', () => {
  it('applies presets, and explicit flags override them', () => {
    const c = resolveConfig({ preset: 'parity', eta: '0.5' });
    expect(c.structure).toEqual([10, 3, 2]);
    expect(c.batchSize).toBe(8);
    expect(c.epochs).toBe(1000);
    expect(c.eta).toBe(0.5);
    const a = resolveConfig({ preset: 'mnist-article' });
    expect([a.batchSize, a.eta, a.epochs, a.inputScaling]).toEqual([256, 0.3, 300, 'raw']);
    expect(resolveConfig({ preset: 'mnist' }).inputScaling).toBe('unit');
  });

  it.each([
    [{ eta: '0' }, '--eta'],
    [{ eta: '-1' }, '--eta'],
    [{ eta: 'fast' }, '--eta'],
    [{ batchSize: '0' }, '--batch-size'],
    [{ shardSize: '0' }, '--shard-size'],
    [{ epochs: '1.5' }, '--epochs'],
    [{ preset: 'imagenet' }, '--preset'],
    [{ structure: '784' }, '--structure'],
    [{ structure: '784,x,10' }, '--structure'],
    [{ activation: 'gelu' }, '--activation'],
    [{ seed: '4294967296' }, '--seed'],
  ])('refuses %j naming %s', (flags, flag) => {
    const e = refusal(() => resolveConfig(flags));
    expect(e.flag).toBe(flag);
    expect(e.message.startsWith(flag)).toBe(true);
  });

  it('refuses a structure that does not fit the dataset, naming --structure', () => {
    const ds = loadParity();
    expect(refusal(() => checkAgainstDataset(resolveConfig({ preset: 'parity', structure: '11,3,2' }), ds)).message).toMatch(/input layer has 11 units .* 10 inputs/);
    expect(refusal(() => checkAgainstDataset(resolveConfig({ preset: 'parity', structure: '10,3,3' }), ds)).message).toMatch(/output layer has 3 units .* 2 classes/);
  });
});
