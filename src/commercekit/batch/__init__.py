"""The same rules over columns, for whole catalogs and order books.

Arrow tables in and out (Polars and pandas DataFrames are accepted and given back in
kind); amounts as ``decimal128`` or integer minor units, never floats; every row equal to
the per-call rule's result for the same inputs; a bad row reported in the result's
rejected rows, never a whole-batch crash. Needs the optional ``batch`` extra (pyarrow and
numpy): ``pip install "commercekit[batch]"``.

* [`BatchResult`][commercekit.batch.BatchResult]: the rows computed and the rows
  refused, each refused row with the error the per-call rule raises.
* [`plan_prices`][commercekit.batch.plan_prices] (a
  [`PricePlan`][commercekit.batch.PricePlan]) and
  [`localize_catalog`][commercekit.batch.localize_catalog]: a catalog's base prices
  as shown in many markets (``localize_price`` over columns), each market's rates,
  fee, taxes and price point resolved once.
* [`tax_lines`][commercekit.batch.tax_lines]: the tax on every line of an order book,
  each rate looked up once per jurisdiction, category and day;
  [`tax_totals`][commercekit.batch.tax_totals]: their per-rate totals, per order or per
  jurisdiction.
* [`oss_return`][commercekit.batch.oss_return]: the One-Stop Shop return's taxable
  amounts and VAT per member state of consumption, rate and tax period, for an
  [`OssScheme`][commercekit.batch.OssScheme].
* [`reorder_levels`][commercekit.batch.reorder_levels]: safety stock, reorder point and
  order quantity for every SKU (or SKU and location).
* [`over_dask`][commercekit.batch.over_dask]: the same batch function over a Dask
  DataFrame, partition by partition, on one machine or a cluster (the ``dask`` extra),
  giving back a [`DaskBatchResult`][commercekit.batch.DaskBatchResult] of two lazy Dask
  DataFrames whose ``row`` counts across partitions. Importing this package does not
  import dask.
"""

from commercekit.batch._dask import DaskBatchResult, over_dask
from commercekit.batch._localize import localize_catalog
from commercekit.batch._oss import OssScheme, oss_return
from commercekit.batch._plan import PricePlan, plan_prices
from commercekit.batch._reorder import reorder_levels
from commercekit.batch._result import BatchResult
from commercekit.batch._tax_lines import tax_lines
from commercekit.batch._tax_totals import tax_totals

__all__ = [
    "BatchResult",
    "DaskBatchResult",
    "OssScheme",
    "PricePlan",
    "localize_catalog",
    "oss_return",
    "over_dask",
    "plan_prices",
    "reorder_levels",
    "tax_lines",
    "tax_totals",
]
