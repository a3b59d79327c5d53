import pkg from 'onnx-proto';
import type { onnx } from 'onnx-proto';

// onnx-proto is CommonJS: its namespace comes through the default import.
const proto = pkg.onnx;

/** The element types the graphs use. */
export type ElemType = 'float' | 'double' | 'int64' | 'bool';

/** A dimension: a fixed size, or a symbolic name (`dimParam`) so one session serves every size. */
export type Dim = number | string;

/** A constant tensor: values and shape ([] is a scalar). */
export interface ConstTensor {
  readonly type: 'float' | 'int64';
  readonly dims: readonly number[];
  readonly values: readonly number[];
}

/** An attribute value, tagged with its ONNX kind. */
export type Attr =
  | { readonly i: number }
  | { readonly f: number }
  | { readonly s: string }
  | { readonly ints: readonly number[] }
  | { readonly t: ConstTensor };

const DATA_TYPE: Record<ElemType, number> = {
  float: proto.TensorProto.DataType.FLOAT,
  double: proto.TensorProto.DataType.DOUBLE,
  int64: proto.TensorProto.DataType.INT64,
  bool: proto.TensorProto.DataType.BOOL,
};

/** The opset every graph is built for: 18 has ScatterND/ScatterElements `reduction` and Reduce* axes as inputs. */
export const OPSET = 18;

function tensorProto(name: string, t: ConstTensor): onnx.ITensorProto {
  const base = { name, dims: [...t.dims], dataType: DATA_TYPE[t.type] };
  return t.type === 'float' ? { ...base, floatData: [...t.values] } : { ...base, int64Data: [...t.values] };
}

function attribute(name: string, value: Attr): onnx.IAttributeProto {
  const A = proto.AttributeProto.AttributeType;
  if ('i' in value) return { name, type: A.INT, i: value.i };
  if ('f' in value) return { name, type: A.FLOAT, f: value.f };
  if ('s' in value) return { name, type: A.STRING, s: new TextEncoder().encode(value.s) };
  if ('ints' in value) return { name, type: A.INTS, ints: [...value.ints] };
  return { name, type: A.TENSOR, t: tensorProto('', value.t) };
}

function valueInfo(name: string, type: ElemType, dims: readonly Dim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DATA_TYPE[type],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/**
 * Builds one ONNX model in memory from standard operators (default domain, opset 18) and encodes it
 * with the ONNX protobuf schema. Value names are generated; `op` returns the names of a node's outputs.
 */
export class GraphBuilder {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private count = 0;

  constructor(private readonly name: string) {}

  /** Declares a graph input and returns its name. */
  input(name: string, type: ElemType, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** Declares `value` as the graph output `name` (through an Identity, so any value can be an output). */
  output(name: string, value: string, type: ElemType, dims: readonly Dim[]): void {
    this.nodes.push({ opType: 'Identity', input: [value], output: [name], name: `out_${name}` });
    this.outputs.push(valueInfo(name, type, dims));
  }

  /** A constant (an initializer) and its name. */
  constant(type: 'float' | 'int64', values: readonly number[], dims: readonly number[] = [values.length]): string {
    const name = `c${this.count++}`;
    this.initializers.push(tensorProto(name, { type, dims, values }));
    return name;
  }

  /** A scalar int64 constant. */
  int(value: number): string {
    return this.constant('int64', [value], []);
  }

  /** A scalar float constant. */
  float(value: number): string {
    return this.constant('float', [value], []);
  }

  /** A node with `outputs` outputs; returns their names. An empty input name skips an optional input. */
  ops(opType: string, inputs: readonly string[], attrs: Readonly<Record<string, Attr>> = {}, outputs = 1): string[] {
    const names = Array.from({ length: outputs }, () => `v${this.count++}`);
    this.nodes.push({
      opType,
      input: [...inputs],
      output: names,
      name: `${opType}_${this.count}`,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return names;
  }

  /** A node with one output; returns its name. */
  op(opType: string, inputs: readonly string[], attrs: Readonly<Record<string, Attr>> = {}): string {
    return this.ops(opType, inputs, attrs, 1)[0];
  }

  /** The encoded model (IR 8, opset 18). */
  build(): Uint8Array {
    const model: onnx.IModelProto = {
      irVersion: 8,
      producerName: '@dproj/backend-onnx',
      opsetImport: [{ domain: '', version: OPSET }],
      graph: {
        name: this.name,
        node: this.nodes,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
      },
    };
    return proto.ModelProto.encode(proto.ModelProto.create(model)).finish();
  }
}
