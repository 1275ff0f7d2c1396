// The kernel set for each dtype: every kernel specialised once with its
// rounding (see specialise.ts). This is the seam where other implementations
// plug in; they must give exactly these bits. Two exist today:
//   'js'     the fast TypeScript kernels (default)
//   'naive'  the reference loops of linear-naive.ts (benchmarks, tests)

import type { DType, Activation } from '../train/config.js';
import type { Float } from './float.js';
import { roundingOf } from './float.js';
import { specialise } from './specialise.js';
import { linearForward, linearBackward } from './linear.js';
import { linearBackwardNaive, linearForwardNaive } from './linear-naive.js';
import { ACTIVATION_SOURCES, type ActivationKernels } from './activation.js';
import { addInto, sgdStep } from './sgd.js';
import { squaredErrorBackward, softmaxCrossEntropyBackward, softmaxForward } from './loss.js';

export interface KernelSet {
  readonly dtype: DType;
  linearForward: typeof linearForward;
  linearBackward: typeof linearBackward;
  activations: Record<Activation, ActivationKernels>;
  squaredErrorBackward: typeof squaredErrorBackward;
  softmaxCrossEntropyBackward: typeof softmaxCrossEntropyBackward;
  softmaxForward: typeof softmaxForward;
  addInto: typeof addInto;
  sgdStep: typeof sgdStep;
}

export const KERNEL_IMPLS = ['js', 'naive'] as const;
export type KernelImpl = (typeof KERNEL_IMPLS)[number];

function build(dtype: DType, impl: KernelImpl): KernelSet {
  const r = roundingOf(dtype);
  const act = (k: ActivationKernels): ActivationKernels => ({
    forward: specialise(k.forward, r),
    backward: specialise(k.backward, r),
  });
  return {
    dtype,
    linearForward: impl === 'js' ? specialise(linearForward, r)
      : (out, inp, w, b, B, C, OC) => linearForwardNaive(out, inp, w, b, B, C, OC, r),
    linearBackward: impl === 'js' ? specialise(linearBackward, r)
      : (dinp, dw, db, dout, inp, w, B, C, OC) => linearBackwardNaive(dinp, dw, db, dout, inp, w, B, C, OC, r),
    activations: {
      sigmoid: act(ACTIVATION_SOURCES.sigmoid),
      tanh: act(ACTIVATION_SOURCES.tanh),
      relu: act(ACTIVATION_SOURCES.relu),
    },
    squaredErrorBackward: specialise(squaredErrorBackward, r),
    softmaxCrossEntropyBackward: specialise(softmaxCrossEntropyBackward, r),
    softmaxForward: specialise(softmaxForward, r),
    addInto: specialise(addInto, r),
    sgdStep: specialise(sgdStep, r),
  };
}

const cache = new Map<string, KernelSet>();
let active: KernelImpl = 'js';

/** Chooses the implementation every later computation in this process uses. */
export function selectKernels(impl: KernelImpl): void {
  active = impl;
}

export function activeKernels(): KernelImpl {
  return active;
}

export function kernelsFor(dtype: DType, impl: KernelImpl = active): KernelSet {
  const key = `${impl}/${dtype}`;
  let k = cache.get(key);
  if (!k) cache.set(key, (k = build(dtype, impl)));
  return k;
}

export function kernelsOf(a: Float): KernelSet {
  return kernelsFor(a instanceof Float32Array ? 'float32' : 'float64');
}
