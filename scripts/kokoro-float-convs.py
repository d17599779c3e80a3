"""Rewrites the Kokoro-82M int8 ONNX model's quantized convolutions as float convolutions.

    python3 scripts/kokoro-float-convs.py kokoro-v1.0.int8.onnx kokoro-v1.0.float-convs.onnx

Why: the int8 model was made by ONNX Runtime's `quantize_dynamic`, which turned each Conv into
    DynamicQuantizeLinear(x) -> ConvInteger(xq, wq, x_zero_point, w_zero_point)
        -> [Add(Reshape(Cast(Floor(Div(bias, x_scale * w_scale)))))] -> Cast -> Mul(x_scale * w_scale)
and ONNX Runtime's ConvInteger kernel is slow on CPU: it takes ~80% of the model's time. Each such chain is
replaced here by one float Conv(x, (wq - w_zero_point) * w_scale, bias), the int8 weights dequantized once.
Speech is then made about twice as fast, for a file ~3 times larger (~256 MB instead of ~88 MB). The matrix
products (MatMulInteger, DynamicQuantizeLSTM) are left quantized: ONNX Runtime runs them fast.

The conversion follows the exact node pattern above and stops with an error on anything else, so that a
different model is refused rather than silently mis-converted. Needs the PyPI packages `onnx` and `numpy`.
"""

import collections
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper


def fail(message):
    sys.exit(f"kokoro-float-convs: {message}")


def expect(condition, message):
    if not condition:
        fail(f"unexpected model: {message}")


class Graph:
    """The model's graph, indexed: which node makes each value, which nodes read it, the initializers."""

    def __init__(self, graph):
        self.nodes = list(graph.node)  # held, so that each node keeps one Python object (compared by id below)
        self.producer = {output: node for node in graph.node for output in node.output}
        self.readers = collections.defaultdict(list)
        for node in graph.node:
            for name in node.input:
                self.readers[name].append(node)
        self.initializers = {tensor.name: tensor for tensor in graph.initializer}

    def made_by(self, value, op_type):
        node = self.producer.get(value)
        expect(node is not None and node.op_type == op_type, f"{value} is not made by a {op_type}")
        return node

    def only_reader(self, value, op_types):
        readers = self.readers[value]
        expect(len(readers) == 1 and readers[0].op_type in op_types, f"{value} is not read by exactly one {' or '.join(op_types)}")
        return readers[0]

    def initializer(self, name):
        expect(name in self.initializers, f"{name} is not an initializer")
        return numpy_helper.to_array(self.initializers[name])


def other_input(node, known):
    """The input of a two-input node that is not `known`."""
    expect(len(node.input) == 2 and known in node.input, f"{node.name} does not read {known}")
    return node.input[1] if node.input[0] == known else node.input[0]


def float_conv(g, conv_integer):
    """The float Conv replacing one ConvInteger chain, its weight, and the nodes it replaces."""
    name = conv_integer.name
    expect(len(conv_integer.input) == 4, f"{name} has no zero points")
    x_quantized, w_quantized, x_zero_point, w_zero_point = conv_integer.input
    quantize = g.made_by(x_quantized, "DynamicQuantizeLinear")
    expect(list(quantize.output[::2]) == [x_quantized, x_zero_point], f"{name}'s input is not {quantize.name}'s")
    x, x_scale = quantize.input[0], quantize.output[1]

    # After the ConvInteger: an optional Add of the int32 bias, then Cast to float, then Mul by the scale.
    after = g.only_reader(conv_integer.output[0], ("Add", "Cast"))
    bias_add = after if after.op_type == "Add" else None
    cast = g.only_reader(bias_add.output[0], ("Cast",)) if bias_add else after
    cast_to = [helper.get_attribute_value(attribute) for attribute in cast.attribute if attribute.name == "to"]
    expect(cast_to == [onnx.TensorProto.FLOAT], f"{cast.name} is not a Cast to float")
    rescale = g.only_reader(cast.output[0], ("Mul",))
    scale = g.made_by(other_input(rescale, cast.output[0]), "Mul")
    w_scale_name = other_input(scale, x_scale)

    w = g.initializer(w_quantized)
    w_zero = g.initializer(w_zero_point)
    w_scale = g.initializer(w_scale_name)
    expect(w.dtype in (np.uint8, np.int8) and w.ndim >= 3, f"{name}'s weight is not an int8 convolution kernel")
    expect(w_zero.size == w_scale.size and w_scale.size in (1, w.shape[0]), f"{name}'s weight scale is neither per tensor nor per channel")
    per_channel = (-1,) + (1,) * (w.ndim - 1)
    weight = ((w.astype(np.float32) - w_zero.astype(np.float32).reshape(per_channel)) * w_scale.astype(np.float32).reshape(per_channel)).astype(np.float32)

    replaced = [conv_integer, cast, rescale]
    inputs = [x, f"{w_quantized}_float"]
    if bias_add:
        # The bias quantized at run time: Reshape(Cast(Floor(Div(float bias, scale)))); the float bias is used as is.
        reshape = g.made_by(other_input(bias_add, conv_integer.output[0]), "Reshape")
        to_int = g.made_by(reshape.input[0], "Cast")
        rounded = g.made_by(to_int.input[0], "Floor")
        divide = g.made_by(rounded.input[0], "Div")
        expect(divide.input[1] == scale.output[0], f"{name}'s bias is not divided by its scale")
        bias = divide.input[0]
        if bias not in g.initializers or g.initializer(bias).shape != (w.shape[0],):
            fail(f"no float bias of {w.shape[0]} values found for {name} (its Add reads {bias})")
        inputs.append(bias)
        replaced.append(bias_add)

    conv = helper.make_node("Conv", inputs, [rescale.output[0]], name=name.removesuffix("_quant") + "_float")
    conv.attribute.extend(conv_integer.attribute)
    return conv, numpy_helper.from_array(weight, inputs[1]), replaced


def remove_unused(graph):
    """Drops the nodes whose outputs nothing reads any more (the quantizing of inputs and biases), then unused initializers."""
    while True:
        read = {name for node in graph.node for name in node.input} | {output.name for output in graph.output}
        kept = [node for node in graph.node if any(output in read for output in node.output)]
        if len(kept) == len(graph.node):
            break
        del graph.node[:]
        graph.node.extend(kept)
    read = {name for node in graph.node for name in node.input}
    kept = [tensor for tensor in graph.initializer if tensor.name in read]
    del graph.initializer[:]
    graph.initializer.extend(kept)


def main():
    if len(sys.argv) != 3:
        fail("usage: kokoro-float-convs.py INT8_MODEL.onnx OUTPUT.onnx")
    model = onnx.load(sys.argv[1])
    graph = model.graph
    # The unused-node sweep reads only this graph: a subgraph (If, Loop) could read values it would drop.
    expect(all(attribute.type not in (onnx.AttributeProto.GRAPH, onnx.AttributeProto.GRAPHS) for node in graph.node for attribute in node.attribute), "it has subgraphs")
    g = Graph(graph)
    conv_integers = [node for node in g.nodes if node.op_type == "ConvInteger"]
    expect(conv_integers, "it has no ConvInteger")

    replacements, weights, replaced = {}, [], set()
    for conv_integer in conv_integers:
        conv, weight, nodes = float_conv(g, conv_integer)
        replacements[id(conv_integer)] = conv
        weights.append(weight)
        replaced.update(id(node) for node in nodes)
    # Each float Conv takes its ConvInteger's place, so the nodes stay in topological order.
    nodes = [replacements.get(id(node), node) for node in g.nodes if id(node) in replacements or id(node) not in replaced]
    del graph.node[:]
    graph.node.extend(nodes)
    graph.initializer.extend(weights)
    remove_unused(graph)
    expect(not any(node.op_type == "ConvInteger" for node in graph.node), "a ConvInteger is left")
    onnx.save(model, sys.argv[2])
    with_bias = sum(1 for conv in replacements.values() if len(conv.input) == 3)
    print(f"kokoro-float-convs: {len(replacements)} convolutions made float ({with_bias} with a bias)")


if __name__ == "__main__":
    main()
