"""RapidOCR's models, loaded once per process, with their activations fused.

The OCR models are RapidOCR's PP-OCRv4 detector and recogniser run by onnxruntime; they ship
inside the ``rapidocr_onnxruntime`` wheel, so nothing is downloaded at run time. The models'
activations are fused in memory (:mod:`jixiao.core.ingest.fuse`: same outputs, a quarter
faster). ``JIXIAO_OCR_THREADS=1`` runs the models and the image work on one core.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Any

__all__ = ["Models", "models"]


@dataclass(frozen=True)
class Models:
    """The text detector, the recogniser and the recogniser's alphabet."""

    detect: Any  # RapidOCR's TextDetector: BGR image → boxes (N, 4, 2)
    recognise: Any  # onnxruntime session of the CTC recogniser
    alphabet: list[str]  # class index → character (0 is the CTC blank)


@cache
def models() -> Models:
    """The models, loaded on first use (the threads as ``JIXIAO_OCR_THREADS`` says)."""
    from rapidocr_onnxruntime import RapidOCR

    # JIXIAO_OCR_THREADS=1 runs the models and the image work on one core (a batch running one
    # process per core, or the benchmark's per-core figure); by default both use every core.
    threads = int(os.environ.get("JIXIAO_OCR_THREADS", "-1") or -1)
    if threads > 0:
        import cv2

        cv2.setNumThreads(threads)
    engine = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=threads)
    engine.text_det.infer.session = _fused(engine.text_det.infer.session, threads)
    return Models(
        engine.text_det,
        _fused(engine.text_rec.session.session, threads),
        list(engine.text_rec.postprocess_op.character),
    )


def _fused(session: Any, threads: int) -> Any:
    """The same model with its activations fused (:mod:`jixiao.core.ingest.fuse`), or the
    session as it is when its model file cannot be read or has nothing to fuse."""
    import onnxruntime as ort

    from jixiao.core.ingest.fuse import fuse

    path = getattr(session, "_model_path", None)
    if not isinstance(path, str) or not os.path.isfile(path):
        return session
    with open(path, "rb") as file:
        model, fused = fuse(file.read())
    if not fused:
        return session
    options = ort.SessionOptions()
    options.log_severity_level = 3
    if threads > 0:
        options.intra_op_num_threads = options.inter_op_num_threads = threads
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
