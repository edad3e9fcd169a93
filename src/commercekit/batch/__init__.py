"""The same rules over columns, for whole catalogs and order books.

Arrow tables in and out (Polars and pandas DataFrames are accepted and given back in
kind); amounts as ``decimal128`` or integer minor units, never floats; every row equal to
the per-call rule's result for the same inputs; a bad row reported in the result's
rejected rows, never a whole-batch crash. Needs the optional ``batch`` extra (pyarrow and
numpy): ``pip install "commercekit[batch]"``.
"""

from commercekit.batch._result import BatchResult

__all__ = ["BatchResult"]
