"""The same rules over columns, for whole catalogs and order books.

Arrow tables in and out (Polars and pandas DataFrames are accepted and given back in
kind); amounts as ``decimal128`` or integer minor units, never floats; every row equal to
the per-call rule's result for the same inputs; a bad row reported in the result's
rejected rows, never a whole-batch crash. Needs the optional ``batch`` extra (pyarrow and
numpy): ``pip install "commercekit[batch]"``.

* [`BatchResult`][commercekit.batch.BatchResult]: the rows a batch computed and the rows
  it refused, in the kind of table it was given.
* [`over_dask`][commercekit.batch.over_dask]: the same batch function over a Dask
  DataFrame, partition by partition, on one machine or a cluster (the ``dask`` extra),
  giving back a [`DaskBatchResult`][commercekit.batch.DaskBatchResult] of two lazy Dask
  DataFrames whose ``row`` counts across partitions. Importing this package does not
  import dask.
"""

from commercekit.batch._dask import DaskBatchResult, over_dask
from commercekit.batch._result import BatchResult

__all__ = ["BatchResult", "DaskBatchResult", "over_dask"]
