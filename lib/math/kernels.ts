// The kernel set for each dtype: every kernel specialised once with its
// rounding (see specialise.ts). This is the seam where other implementations
// (WebAssembly, native) plug in; they must give exactly these bits.

import type { DType, Activation } from '../train/config.js';
import type { Float } from './float.js';
import { roundingOf } from './float.js';
import { specialise } from './specialise.js';
import { linearForward, linearBackward } from './linear.js';
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

function build(dtype: DType): KernelSet {
  const r = roundingOf(dtype);
  const act = (k: ActivationKernels): ActivationKernels => ({
    forward: specialise(k.forward, r),
    backward: specialise(k.backward, r),
  });
  return {
    dtype,
    linearForward: specialise(linearForward, r),
    linearBackward: specialise(linearBackward, r),
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

const cache = new Map<DType, KernelSet>();

export function kernelsFor(dtype: DType): KernelSet {
  let k = cache.get(dtype);
  if (!k) cache.set(dtype, (k = build(dtype)));
  return k;
}

export function kernelsOf(a: Float): KernelSet {
  return kernelsFor(a instanceof Float32Array ? 'float32' : 'float64');
}
