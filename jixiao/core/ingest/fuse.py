"""Faster, numerically identical OCR models: the PP-OCR graphs with their activations fused.

PaddleOCR's PP-LCNetV3 blocks, as exported to ONNX, compute every activation in eight
element-wise passes over the feature map: a learnable affine ``s·conv + b``, then hard-swish
spelled out as ``y · clip(y + 3, 0, 6) / 6``. onnxruntime fuses none of them, and on one CPU core
they take about a third of the recogniser's time. :func:`fuse` rewrites the graph:

* ``Add(Mul(Conv(x, W, B), s), b)`` with scalar ``s`` and ``b`` → ``Conv(x, s·W, s·B + b)``;
* ``Div(Mul(y, Clip(Add(y, 3), 0, 6)), 6)`` → ``Mul(y, HardSigmoid(y; α = 1/6, β = 1/2))``;
* ``Conv(Add(Mul(x, s), b), W, B)``, unpadded → ``Conv(x, s·W, B + b·ΣW)``.

Both are exact algebra (the outputs differ by float rounding, ~1e-6; the tests compare them).
The model files are the ones shipped in the ``rapidocr_onnxruntime`` wheel; the rewrite happens
in memory when the models are loaded. A graph without these patterns comes back unchanged.
"""

from __future__ import annotations

from typing import Any

__all__ = ["fuse"]


def _scalar(consts: dict[str, Any], name: str) -> float | None:
    value = consts.get(name)
    return float(value.ravel()[0]) if value is not None and value.size == 1 else None


def fuse(model: bytes) -> tuple[bytes, int]:
    """The model with its affine + hard-swish activations fused, and how many were fused."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    proto = onnx.load_from_string(model)
    graph = proto.graph
    consts: dict[str, Any] = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            consts[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
    producer = {out: node for node in graph.node for out in node.output}
    users: dict[str, int] = {}
    for node in graph.node:
        for name in node.input:
            users[name] = users.get(name, 0) + 1

    def only(name: str, op: str) -> Any:
        """The node of type ``op`` producing ``name`` when nothing else reads its output."""
        node = producer.get(name)
        return node if node is not None and node.op_type == op and users.get(name) == 1 else None

    dropped: set[int] = set()
    replaced: dict[int, list[Any]] = {}
    added: list[Any] = []
    fused = 0
    consumer = {name: node for node in graph.node for name in node.input}
    for conv in graph.node:
        # An affine in front of an unpadded Conv: Conv(x·s + b, W, B) = Conv(x, s·W, B + b·ΣW).
        if conv.op_type != "Conv" or any(name not in consts for name in conv.input[1:3] if name):
            continue
        if any(a.name == "pads" and any(a.ints) for a in conv.attribute):
            continue
        add = only(conv.input[0], "Add")
        if add is None or len(add.input) != 2 or consumer.get(add.output[0]) is not conv:
            continue
        shifts = [_scalar(consts, name) for name in add.input]
        mul = only(add.input[shifts.index(None)], "Mul") if shifts.count(None) == 1 else None
        if mul is None or len(mul.input) != 2:
            continue
        scales = [_scalar(consts, name) for name in mul.input]
        if scales.count(None) != 1:
            continue
        scale, shift = next(x for x in scales if x is not None), next(x for x in shifts if x is not None)
        weight = consts[conv.input[1]]
        bias = consts[conv.input[2]] if len(conv.input) > 2 and conv.input[2] else np.zeros(weight.shape[0])
        names = (f"{conv.name}__wi", f"{conv.name}__bi")
        consts[names[0]] = (weight * scale).astype(np.float32)
        consts[names[1]] = (bias + shift * weight.sum(axis=(1, 2, 3))).astype(np.float32)
        added += [numpy_helper.from_array(consts[name], name) for name in names]
        inputs = [mul.input[scales.index(None)], *names]
        del conv.input[:]
        conv.input.extend(inputs)
        dropped.update((id(add), id(mul)))
        fused += 1
    for div in graph.node:
        if div.op_type != "Div" or _scalar(consts, div.input[1]) != 6.0:
            continue
        mul = only(div.input[0], "Mul")
        if mul is None:
            continue
        for y, other in ((mul.input[0], mul.input[1]), (mul.input[1], mul.input[0])):
            clip = only(other, "Clip")
            if clip is None or len(clip.input) < 3:
                continue
            if (_scalar(consts, clip.input[1]), _scalar(consts, clip.input[2])) != (0.0, 6.0):
                continue
            add = only(clip.input[0], "Add")
            if (
                add is None
                or y not in add.input
                or [_scalar(consts, n) for n in add.input if n != y] != [3.0]
            ):
                continue
            gate = f"{div.output[0]}__hardsigmoid"
            replaced[id(div)] = [
                helper.make_node("HardSigmoid", [y], [gate], name=f"{div.name}__hs", alpha=1 / 6, beta=0.5),
                helper.make_node("Mul", [y, gate], [div.output[0]], name=f"{div.name}__hm"),
            ]
            dropped.update((id(add), id(clip), id(mul)))
            fused += 1
            break
    for add in graph.node:
        if add.op_type != "Add" or id(add) in dropped or len(add.input) != 2:
            continue
        shifts = [_scalar(consts, name) for name in add.input]
        if shifts.count(None) != 1:
            continue
        mul = only(add.input[shifts.index(None)], "Mul")
        if mul is None or id(mul) in dropped or len(mul.input) != 2:
            continue
        scales = [_scalar(consts, name) for name in mul.input]
        if scales.count(None) != 1:
            continue
        conv = only(mul.input[scales.index(None)], "Conv")
        if conv is None or any(name not in consts for name in conv.input[1:3] if name):
            continue
        scale, shift = next(s for s in scales if s is not None), next(s for s in shifts if s is not None)
        weight = consts[conv.input[1]]
        bias = consts[conv.input[2]] if len(conv.input) > 2 and conv.input[2] else np.zeros(weight.shape[0])
        names = (f"{conv.name}__w", f"{conv.name}__b")
        added += [
            numpy_helper.from_array((weight * scale).astype(np.float32), names[0]),
            numpy_helper.from_array((bias * scale + shift).astype(np.float32), names[1]),
        ]
        folded = helper.make_node("Conv", [conv.input[0], *names], [add.output[0]], name=f"{conv.name}__f")
        folded.attribute.extend(conv.attribute)
        replaced[id(add)] = [folded]
        dropped.update((id(conv), id(mul)))
        fused += 1
    if not fused:
        return model, 0
    nodes = [new for node in graph.node if id(node) not in dropped for new in replaced.get(id(node), [node])]
    graph.initializer.extend(added)
    # Drop what no node reads any more (the old weights and constants), so that onnxruntime
    # has nothing to warn about.
    read = {name for node in nodes for name in node.input} | {o.name for o in graph.output}
    nodes = [n for n in nodes if n.op_type != "Constant" or any(o in read for o in n.output)]
    kept = [i for i in graph.initializer if i.name in read]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept)
    return proto.SerializeToString(), fused
