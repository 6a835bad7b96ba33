"""Stage 2: positioned cells → the model (forms, 部门决算), through the recognisers of
:mod:`jixiao.core.documents.registry`. Nothing here reads a file."""
