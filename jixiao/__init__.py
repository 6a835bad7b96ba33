"""jixiao（绩效）— read, score, review and publish budget performance self-evaluations.

The pure domain lives in :mod:`jixiao.core`; :mod:`jixiao.cli` is a thin command-line layer.
"""

__version__ = "0.1.0"
