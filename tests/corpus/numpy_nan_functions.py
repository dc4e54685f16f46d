# The nan-ignoring reductions, nan_to_num, isposinf/isneginf and logspace.
import warnings

import numpy as np

warnings.simplefilter("ignore")  # CPython's numpy warns on all-nan slices
a = np.array([[1.0, np.nan, 3.0], [np.nan, np.nan, 2.5]])
print(repr(np.nansum(a)), np.nansum(a, axis=0), np.nansum(a, axis=1, keepdims=True), repr(np.nanprod(a)), np.nancumsum(a), np.nancumprod(a, axis=1))
print(repr(np.nanmean(a)), np.nanmean(a, axis=1), np.nanmean(a, axis=0), repr(np.nanstd(a)), np.nanvar(a, axis=1), np.nanstd(a, axis=0, ddof=0))
print(np.nanmax(a, axis=0), repr(np.nanmin(a)), np.nanmax(a, axis=1), np.nanargmax(a, axis=1), repr(np.nanargmin(a)), np.nanmin(a, axis=0, keepdims=True))
print(repr(np.nanmedian(a)), np.nanmedian(a, axis=0), np.nanmedian(a, axis=1), np.nanpercentile(a, 50, axis=1), repr(np.nanquantile(a, 0.25)))
print(repr(np.nansum([])), repr(np.nanmean(np.array([np.nan]))), repr(np.nansum(np.array([1, 2]))), repr(np.nanmax(np.array([np.nan, np.nan]))))
print(repr(np.nanmean(np.array([1, 2, 4]))), repr(np.nanmax(np.array([3, 1]))), repr(np.nanmedian(np.array([np.nan, np.nan]))))
try:
    np.nanargmax(np.array([np.nan]))
except ValueError as e:
    print("ValueError", e)
print(np.nan_to_num(np.array([np.nan, np.inf, -np.inf, 1.0])), np.nan_to_num(np.array([np.nan, np.inf]), nan=-1.0, posinf=9.0))
print(np.nan_to_num(np.array([1, 2])), repr(np.nan_to_num(np.array([np.inf], dtype=np.float32))), np.isposinf(np.array([np.inf, -np.inf, 1.0])), np.isneginf([np.inf, -np.inf]))
print(np.logspace(0, 2, 3), np.logspace(0, 1, 4, base=2), np.logspace(1, 3, 3, endpoint=False), np.logspace(0, 2, 3, dtype=int))
