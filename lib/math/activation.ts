// Activation functions, forward in place (z -> a) and backward in place
// (dE/da -> dE/dz). The derivative is taken from the activation a, never z,
// so only activations are stored: sigmoid' = a(1-a), tanh' = 1-a^2,
// relu' = [a > 0] (a > 0 exactly when z > 0).
//
// Transcendental functions are evaluated in float64 from the stored value
// and rounded once (R); arithmetic around them is rounded per operation.

import type { Float } from './float.js';
import type { Activation } from '../config.js';

const R = (x: number): number => x;

export function sigmoidForward(a: Float, n: number): void {
  for (let i = 0; i < n; i++) a[i] = R(1 / (1 + Math.exp(-a[i])));
}
export function sigmoidBackward(d: Float, a: Float, n: number): void {
  for (let i = 0; i < n; i++) d[i] = R(d[i] * R(a[i] * R(1 - a[i])));
}

export function tanhForward(a: Float, n: number): void {
  for (let i = 0; i < n; i++) a[i] = R(Math.tanh(a[i]));
}
export function tanhBackward(d: Float, a: Float, n: number): void {
  for (let i = 0; i < n; i++) d[i] = R(d[i] * R(1 - R(a[i] * a[i])));
}

export function reluForward(a: Float, n: number): void {
  for (let i = 0; i < n; i++) if (!(a[i] > 0)) a[i] = 0;
}
export function reluBackward(d: Float, a: Float, n: number): void {
  for (let i = 0; i < n; i++) if (!(a[i] > 0)) d[i] = 0;
}

export interface ActivationKernels {
  forward(a: Float, n: number): void;
  backward(d: Float, a: Float, n: number): void;
}

export const ACTIVATION_SOURCES: Record<Activation, ActivationKernels> = {
  sigmoid: { forward: sigmoidForward, backward: sigmoidBackward },
  tanh: { forward: tanhForward, backward: tanhBackward },
  relu: { forward: reluForward, backward: reluBackward },
};
