"""Fused OCR models compute what the shipped ones compute, faster."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

from jixiao.core.ingest.fuse import fuse

RNG = np.random.default_rng(7)


def _run(model: bytes, x: np.ndarray) -> np.ndarray:
    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    return session.run(None, {session.get_inputs()[0].name: x})[0]


def _const(name: str, value: float | np.ndarray) -> onnx.NodeProto:
    return helper.make_node(
        "Constant", [], [name], value=numpy_helper.from_array(np.asarray(value, dtype=np.float32), name)
    )


def _block() -> bytes:
    """Conv → affine → hard-swish spelled out → affine → 1×1 Conv, as PaddleOCR exports it."""
    w1 = numpy_helper.from_array(RNG.normal(size=(4, 3, 3, 3)).astype(np.float32), "w1")
    b1 = numpy_helper.from_array(RNG.normal(size=4).astype(np.float32), "b1")
    w2 = numpy_helper.from_array(RNG.normal(size=(2, 4, 1, 1)).astype(np.float32), "w2")
    b2 = numpy_helper.from_array(RNG.normal(size=2).astype(np.float32), "b2")
    nodes = [
        _const("s", 1.4),
        _const("b", 0.6),
        _const("three", 3.0),
        _const("zero", 0.0),
        _const("six", 6.0),
        _const("c", 0.2),
        _const("d", -0.3),
        helper.make_node("Conv", ["x", "w1", "b1"], ["conv"], pads=[1, 1, 1, 1]),
        helper.make_node("Mul", ["s", "conv"], ["scaled"]),
        helper.make_node("Add", ["scaled", "b"], ["y"]),
        helper.make_node("Add", ["y", "three"], ["y3"]),
        helper.make_node("Clip", ["y3", "zero", "six"], ["clipped"]),
        helper.make_node("Mul", ["y", "clipped"], ["product"]),
        helper.make_node("Div", ["product", "six"], ["swish"]),
        helper.make_node("Mul", ["swish", "c"], ["post"]),
        helper.make_node("Add", ["post", "d"], ["shifted"]),
        helper.make_node("Conv", ["shifted", "w2", "b2"], ["out"]),
    ]
    graph = helper.make_graph(
        nodes,
        "block",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 8])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, [1, 2, 8, 8])],
        [w1, b1, w2, b2],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)]).SerializeToString()


def test_a_block_is_fused_and_computes_the_same() -> None:
    model = _block()
    fused, count = fuse(model)
    assert count == 3  # the affine into the first Conv, the hard-swish, the affine into the second
    ops = [n.op_type for n in onnx.load_from_string(fused).graph.node]
    assert ops == ["Conv", "HardSigmoid", "Mul", "Conv"]
    x = RNG.normal(size=(1, 3, 8, 8)).astype(np.float32)
    assert np.allclose(_run(model, x), _run(fused, x), atol=1e-5)


def test_a_graph_without_the_patterns_comes_back_unchanged() -> None:
    graph = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["y"])],
        "plain",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])],
    )
    model = helper.make_model(graph).SerializeToString()
    assert fuse(model) == (model, 0)


@pytest.mark.parametrize(
    ("name", "shape"),
    [("ch_PP-OCRv4_det_infer.onnx", (1, 3, 160, 224)), ("ch_PP-OCRv4_rec_infer.onnx", (2, 3, 32, 320))],
)
def test_the_shipped_models_fuse_to_the_same_outputs(name: str, shape: tuple[int, ...]) -> None:
    import rapidocr_onnxruntime

    path = Path(rapidocr_onnxruntime.__file__).parent / "models" / name
    model = path.read_bytes()
    fused, count = fuse(model)
    assert count > 40
    x = RNG.uniform(-1, 1, size=shape).astype(np.float32)
    assert np.allclose(_run(model, x), _run(fused, x), atol=1e-4)
