// ONNX models built in memory for onnxruntime-web: the graphs a user would export for each workload,
// with static shapes (one session per size) so the runtime can plan memory and fold constants.
import pkg from 'onnx-proto';

// onnx-proto is CommonJS; only its default export is visible to an ES module.
const { onnx } = pkg;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT32 = onnx.TensorProto.DataType.INT32;
const INT64 = onnx.TensorProto.DataType.INT64;
const OPSET = 17;

/**
 * @param {string} name
 * @param {number} elemType
 * @param {readonly number[]} dims
 */
function valueInfo(name, elemType, dims) {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((dimValue) => ({ dimValue })) } } },
  });
}

/**
 * A constant tensor, stored as raw little-endian bytes (protobuf's packed floats are far slower to
 * encode for a 100 MB operator).
 * @param {string} name
 * @param {number} dataType
 * @param {readonly number[]} dims
 * @param {Float32Array | Int32Array | BigInt64Array} values
 */
function initializer(name, dataType, dims, values) {
  return onnx.TensorProto.create({
    name,
    dataType,
    dims,
    rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
  });
}

/**
 * @param {string} opType
 * @param {string[]} input
 * @param {string[]} output
 * @param {Record<string, number | number[]>} [attrs] integer attributes
 */
function node(opType, input, output, attrs = {}) {
  const attribute = Object.entries(attrs).map(([name, v]) =>
    Array.isArray(v)
      ? onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: v })
      : onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: v }),
  );
  return onnx.NodeProto.create({ opType, input, output, attribute, name: `${opType}_${output[0]}` });
}

/**
 * @param {{ nodes: object[], inputs: object[], outputs: object[], initializers?: object[] }} graph
 * @returns {Uint8Array} the serialized model
 */
function model({ nodes, inputs, outputs, initializers = [] }) {
  const graph = onnx.GraphProto.create({ name: 'bench', node: nodes, input: inputs, output: outputs, initializer: initializers });
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ version: OPSET }], graph })).finish();
}

const scalar = (name, value) => initializer(name, FLOAT, [], Float32Array.of(value));

/**
 * C = A B, both n×n.
 * @param {number} n
 */
export function matmulModel(n) {
  return model({
    nodes: [node('MatMul', ['A', 'B'], ['C'])],
    inputs: [valueInfo('A', FLOAT, [n, n]), valueInfo('B', FLOAT, [n, n])],
    outputs: [valueInfo('C', FLOAT, [n, n])],
  });
}

/**
 * out = softmax((H W_Q)(H W_K)ᵀ · scale [+ causal bias]) (H W_V), H n×d, weights d×dk / d×dv.
 * The causal bias is a constant n×n initializer (−∞ above the diagonal).
 * @param {{ n: number, d: number, dk: number, dv: number, causal: boolean }} shape
 */
export function attentionModel({ n, d, dk, dv, causal }) {
  const nodes = [
    node('MatMul', ['H', 'WQ'], ['Q']),
    node('MatMul', ['H', 'WK'], ['K']),
    node('MatMul', ['H', 'WV'], ['V']),
    node('Transpose', ['K'], ['KT'], { perm: [1, 0] }),
    node('MatMul', ['Q', 'KT'], ['S']),
    node('Mul', ['S', 'scale'], ['Z']),
  ];
  const initializers = [scalar('scale', 1 / Math.sqrt(dk))];
  if (causal) {
    nodes.push(node('Add', ['Z', 'bias'], ['ZM']));
    initializers.push(initializer('bias', FLOAT, [n, n], causalBias(n)));
  }
  nodes.push(node('Softmax', [causal ? 'ZM' : 'Z'], ['P'], { axis: -1 }), node('MatMul', ['P', 'V'], ['O']));
  return model({
    nodes,
    initializers,
    inputs: [
      valueInfo('H', FLOAT, [n, d]),
      valueInfo('WQ', FLOAT, [d, dk]),
      valueInfo('WK', FLOAT, [d, dk]),
      valueInfo('WV', FLOAT, [d, dv]),
    ],
    outputs: [valueInfo('O', FLOAT, [n, dv])],
  });
}

/**
 * The n×n additive causal mask: 0 on and below the diagonal, −∞ above.
 * @param {number} n
 */
export function causalBias(n) {
  const bias = new Float32Array(n * n);
  for (let i = 0; i < n; i++) bias.fill(Number.NEGATIVE_INFINITY, i * n + i + 1, (i + 1) * n);
  return bias;
}

/**
 * A multi-head block in the usual exported form: all heads' W_Q (W_K, W_V) side by side as one
 * d_model×(heads·dk) matrix, split into heads by Reshape/Transpose and batched through MatMul, then
 * Concat(heads) W_O.
 * @param {{ n: number, dModel: number, heads: number, dk: number, dOut: number }} shape
 */
export function multiHeadModel({ n, dModel, heads, dk, dOut }) {
  const inner = heads * dk;
  const shape = initializer('split', INT64, [3], BigInt64Array.from([n, heads, dk].map(BigInt)));
  const merged = initializer('merge', INT64, [2], BigInt64Array.from([n, inner].map(BigInt)));
  return model({
    nodes: [
      node('MatMul', ['H', 'WQ'], ['Q2']),
      node('MatMul', ['H', 'WK'], ['K2']),
      node('MatMul', ['H', 'WV'], ['V2']),
      node('Reshape', ['Q2', 'split'], ['Q3']),
      node('Reshape', ['K2', 'split'], ['K3']),
      node('Reshape', ['V2', 'split'], ['V3']),
      node('Transpose', ['Q3'], ['Q'], { perm: [1, 0, 2] }),
      node('Transpose', ['K3'], ['KT'], { perm: [1, 2, 0] }),
      node('Transpose', ['V3'], ['V'], { perm: [1, 0, 2] }),
      node('MatMul', ['Q', 'KT'], ['S']),
      node('Mul', ['S', 'scale'], ['Z']),
      node('Softmax', ['Z'], ['P'], { axis: -1 }),
      node('MatMul', ['P', 'V'], ['O3']),
      node('Transpose', ['O3'], ['O4'], { perm: [1, 0, 2] }),
      node('Reshape', ['O4', 'merge'], ['O2']),
      node('MatMul', ['O2', 'WO'], ['OUT']),
    ],
    initializers: [scalar('scale', 1 / Math.sqrt(dk)), shape, merged],
    inputs: [
      valueInfo('H', FLOAT, [n, dModel]),
      valueInfo('WQ', FLOAT, [dModel, inner]),
      valueInfo('WK', FLOAT, [dModel, inner]),
      valueInfo('WV', FLOAT, [dModel, inner]),
      valueInfo('WO', FLOAT, [inner, dOut]),
    ],
    outputs: [valueInfo('OUT', FLOAT, [n, dOut])],
  });
}

/**
 * Projection through a dense V×V operator held as a model constant: R = S[x, :] (Gather), M = R[:, x]
 * (Gather on axis 1), E = M R, and TopK(E, k) per row.
 * @param {{ n: number, k: number, s: import('@dproj/core').Matrix }} shape
 */
export function projectionModel({ n, k, s }) {
  const V = s.cols;
  return model({
    nodes: [
      node('Gather', ['S', 'X'], ['R'], { axis: 0 }),
      node('Gather', ['R', 'X'], ['M'], { axis: 1 }),
      node('MatMul', ['M', 'R'], ['E']),
      node('TopK', ['E', 'K'], ['SCORES', 'IDS'], { axis: -1, largest: 1, sorted: 1 }),
    ],
    initializers: [initializer('S', FLOAT, [V, V], s.data), initializer('K', INT64, [1], BigInt64Array.of(BigInt(k)))],
    inputs: [valueInfo('X', INT32, [n])],
    outputs: [valueInfo('M', FLOAT, [n, n]), valueInfo('SCORES', FLOAT, [n, k]), valueInfo('IDS', INT64, [n, k])],
  });
}
