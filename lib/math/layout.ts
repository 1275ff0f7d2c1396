// One flat parameter buffer for the whole network. Layer l (mapping C inputs
// to OC outputs) owns W_l, row-major (OC, C), followed by b_l (OC); layers
// follow each other in order. Averaging, the SGD update, checksums and the
// wire payload are then one loop or one byte range over the whole buffer.

export interface LayerLayout {
  /** Inputs to the layer (C). */
  readonly inputs: number;
  /** Outputs of the layer (OC). */
  readonly outputs: number;
  /** Offset of W (OC, C) in the flat buffer. */
  readonly wOffset: number;
  /** Offset of b (OC) in the flat buffer. */
  readonly bOffset: number;
}

export interface ParamLayout {
  readonly structure: readonly number[];
  readonly layers: readonly LayerLayout[];
  /** Total number of parameters. */
  readonly size: number;
}

export function paramLayout(structure: readonly number[]): ParamLayout {
  const layers: LayerLayout[] = [];
  let offset = 0;
  for (let l = 1; l < structure.length; l++) {
    const inputs = structure[l - 1];
    const outputs = structure[l];
    layers.push({ inputs, outputs, wOffset: offset, bOffset: offset + inputs * outputs });
    offset += inputs * outputs + outputs;
  }
  return { structure: [...structure], layers, size: offset };
}
