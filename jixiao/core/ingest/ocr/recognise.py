"""Recognising text lines: packed on strips, each printed line read once per document.

Speed comes from doing less work, not from a weaker model: lines are *recognised*
``line_height`` px high (running text ``prose_line_height``), several short lines side by side
on one strip separated by white (:func:`_recognise_at`), so the recogniser reads no padding;
each recognised character is given back to the line under its position on the strip. The
recogniser's time grows with the square of the line height, but lower is not better: at 24 px
the running text of seed 004 read with a quarter of its characters wrong (5% at 28 px), and
squeezing lines sideways is as bad. A short line printed again in the document is read once
(:class:`Memo`).
"""

from __future__ import annotations

from typing import Any

from jixiao.core.ingest.ocr.models import Models
from jixiao.core.ingest.settings import DEFAULT_SETTINGS, ReaderSettings

__all__ = ["Memo", "recognise"]


class Memo:
    """The short lines already read in one document, as the recogniser saw them, so that a line
    printed again (a form's labels on every form, "0.00" down a 部门决算 column) is read once.

    A line is the same as one read before when, scaled to ``line_height`` and as wide (±1
    px), the two differ nowhere by more than ``same_line`` grey levels once both are
    smoothed over 3 × 3 pixels and the better of their alignments within one pixel is taken. On
    the scanned seeds, lines printed alike differ by 20–45 there and lines printed differently
    ("46" and "48", "30208" and "30206") by 58 and more. A line the recogniser read in doubt is
    not reused: each of its copies is read on its own.
    """

    def __init__(self, settings: ReaderSettings = DEFAULT_SETTINGS) -> None:
        self.settings = settings
        # width → the smoothed images of that width (a buffer that doubles when full), how many
        # it holds, and their slots
        self._seen: dict[int, tuple[Any, int, list[int]]] = {}
        self.results: list[tuple[str, float] | None] = []

    def find(self, image: Any) -> int | None:
        """The slot of the line read before that ``image`` (``line_height`` high) is the same as."""
        import numpy as np

        smooth = _smooth(image)
        width = image.shape[1]
        for near in (width, width - 1, width + 1):
            if near not in self._seen:
                continue
            buffer, count, slots = self._seen[near]
            stack, common = buffer[:count], min(width, near)
            mean = np.abs(stack[:, :, :common] - smooth[:, :common]).mean(axis=(1, 2))
            for k in np.argsort(mean)[:3]:
                if mean[k] <= self.settings.same_line / 2 and _same_line(
                    smooth, stack[k], self.settings.same_line
                ):
                    return slots[k]
        return None

    def add(self, image: Any) -> int:
        """A new slot for ``image``, to be filled with its reading."""
        import numpy as np

        self.results.append(None)
        slot = len(self.results) - 1
        smooth = _smooth(image)
        buffer, count, slots = self._seen.get(image.shape[1], (smooth[None], 0, []))
        if count == len(buffer):
            buffer = np.concatenate([buffer, np.empty_like(buffer)])
        buffer[count] = smooth
        self._seen[image.shape[1]] = (buffer, count + 1, [*slots, slot])
        return slot


def _smooth(image: Any) -> Any:
    """A line image in floats, smoothed over 3 × 3 pixels (:class:`Memo`)."""
    import cv2
    import numpy as np

    return cv2.blur(image.astype(np.float32), (3, 3))


def _same_line(a: Any, b: Any, most: float) -> bool:
    """Whether two smoothed line images are the same print (:class:`Memo`)."""
    import cv2
    import numpy as np

    width = min(a.shape[1], b.shape[1])
    a, b = a[:, :width], b[:, :width]
    if width < 6:
        return False
    for dx in (0, -1, 1):
        for dy in (0, -1, 1):
            shifted = np.roll(b, (dy, dx), axis=(0, 1))
            difference = cv2.blur(np.abs(a - shifted), (3, 3))[2:-2, 2:-2]
            if float(difference.max()) < most:
                return True
    return False


def recognise(
    models: Models, lines: list[Any], memo: Memo | None = None, settings: ReaderSettings = DEFAULT_SETTINGS
) -> list[tuple[str, float]]:
    """Text and confidence of each line image (grayscale, any size).

    Short lines (figures, labels, cells) are read at ``line_height``; lines longer than
    ``prose_ratio`` times their height are running text, where context carries each glyph,
    and are read at ``prose_line_height`` (the recogniser's time is proportional to the
    pixels it reads; dense pages are mostly such lines). A short line already read in the
    document (``memo``) is not read again.
    """
    import cv2

    s = settings
    height, sure = s.line_height, s.min_confidence
    results: list[tuple[str, float] | None] = [None] * len(lines)
    prose = [line.shape[1] > s.prose_ratio * line.shape[0] for line in lines]
    memo = memo if memo is not None else Memo(s)
    copies: list[tuple[int, int]] = []  # (line, memo slot) read as another line is
    fresh: list[tuple[int, int]] = []  # (line, memo slot) to read
    scaled: dict[int, Any] = {}  # short lines, line_height high: as the recogniser reads them
    for i, line in enumerate(lines):
        if prose[i]:
            continue
        width = max(1, round(line.shape[1] * height / max(line.shape[0], 1)))
        interpolation = cv2.INTER_AREA if line.shape[0] > height else cv2.INTER_LINEAR
        scaled[i] = image = cv2.resize(line, (width, height), interpolation=interpolation)
        slot = memo.find(image)
        if slot is None:
            fresh.append((i, memo.add(image)))
        else:
            copies.append((i, slot))
    for (i, slot), result in zip(
        fresh, _recognise_at(models, [scaled[i] for i, _ in fresh], height, s), strict=True
    ):
        results[i] = memo.results[slot] = result
    chosen = [i for i, p in enumerate(prose) if p]
    for i, result in zip(
        chosen, _recognise_at(models, [lines[i] for i in chosen], s.prose_line_height, s), strict=True
    ):
        results[i] = result
    # A lone glyph read as nothing or in doubt (a "1" in a narrow cell) is read again with more
    # white around it.
    again = [
        (i, slot)
        for i, slot in fresh
        if results[i][1] < sure and lines[i].shape[1] < s.lone_glyph * lines[i].shape[0]  # type: ignore[index]
    ]
    retried = _recognise_at(models, [scaled[i] for i, _ in again], height, s, s.lone_white * height)
    for (i, slot), result in zip(again, retried, strict=True):
        if result[1] > results[i][1]:  # type: ignore[index]
            results[i] = memo.results[slot] = result
    # A copy of a line read in doubt is read on its own: its print may be the clearer one.
    doubted = [i for i, slot in copies if (memo.results[slot] or ("", 0.0))[1] < sure]
    for i, result in zip(
        doubted, _recognise_at(models, [scaled[i] for i in doubted], height, s), strict=True
    ):
        results[i] = result
    for i, slot in copies:
        if results[i] is None:
            results[i] = memo.results[slot]
    return [result or ("", 0.0) for result in results]


def _recognise_at(
    models: Models, lines: list[Any], height: int, settings: ReaderSettings, narrowest: int | None = None
) -> list[tuple[str, float]]:
    """Text and confidence of each line image, read ``height`` pixels high.

    Lines are scaled to ``height`` and packed side by side, widest first, on strips of
    ``strip_width`` separated by ``gap`` line heights of white (a lone digit is centred in white as
    wide as it is high); a line wider than a strip has a strip of its own. Greedy CTC decoding
    gives each character the time step where it appears; the character belongs to the line under
    that step (characters in a gap are noise between lines and dropped). A line's confidence is
    the mean probability of its characters, as in PaddleOCR.
    """
    import cv2
    import numpy as np

    gap, narrowest = round(height * settings.gap), narrowest or height
    scaled = []
    for index, line in enumerate(lines):
        width = max(1, round(line.shape[1] * height / max(line.shape[0], 1)))
        interpolation = cv2.INTER_AREA if line.shape[0] > height else cv2.INTER_LINEAR
        image = cv2.resize(line, (width, height), interpolation=interpolation)
        if width < narrowest:  # a lone digit: time steps of white around it
            left = (narrowest - width) // 2
            image = cv2.copyMakeBorder(
                image, 0, 0, left, narrowest - width - left, cv2.BORDER_CONSTANT, value=255
            )
        scaled.append((index, image))
    scaled.sort(key=lambda item: -item[1].shape[1])
    strips: list[list[tuple[int, int, Any]]] = []  # each: (line index, x on the strip, image)
    ends: list[int] = []
    for index, image in scaled:
        width = image.shape[1]
        for n, end in enumerate(ends):
            if end + gap + width <= settings.strip_width:
                strips[n].append((index, end + gap, image))
                ends[n] = end + gap + width
                break
        else:
            strips.append([(index, 0, image)])
            ends.append(width)
    results: list[tuple[str, float]] = [("", 0.0)] * len(lines)
    order = sorted(range(len(strips)), key=lambda n: ends[n])
    for start in range(0, len(order), settings.batch):
        batch = order[start : start + settings.batch]
        width = -(-max(ends[n] for n in batch) // 8) * 8 + 8
        pixels = np.full((len(batch), 3, height, width), 1.0, dtype=np.float32)
        for k, n in enumerate(batch):
            for _, x, image in strips[n]:
                pixels[k, :, :, x : x + image.shape[1]] = image.astype(np.float32) / 127.5 - 1.0
        predictions = models.recognise.run(None, {models.recognise.get_inputs()[0].name: pixels})[0]
        step = width / predictions.shape[1]
        labels, probabilities = predictions.argmax(axis=2), predictions.max(axis=2)
        for k, n in enumerate(batch):
            found: dict[int, list[tuple[str, float]]] = {index: [] for index, _, _ in strips[n]}
            previous = 0
            for t, label in enumerate(labels[k]):
                if label and label != previous:
                    centre = (t + 0.5) * step
                    for index, x, image in strips[n]:
                        if x - gap / 2 <= centre < x + image.shape[1] + gap / 2:
                            found[index].append((models.alphabet[label], float(probabilities[k, t])))
                            break
                previous = label
            for index, chars in found.items():
                text = "".join(c for c, _ in chars).strip()
                scores = [p for c, p in chars if c.strip()]
                results[index] = (text, sum(scores) / len(scores) if scores else 0.0)
    return results
