# median, percentile, quantile (numpy's linear method and its lerp),
# average (weights=, returned=), interp, convolve/correlate.
import numpy as np

a = np.array([3, 1, 2, 4])
f = np.array([[1.5, 2.0, -3.0], [0.25, 8.0, 4.5]])
print(repr(np.median(a)), repr(np.median([3, 1, 2])), np.median(f), np.median(f, axis=0), np.median(f, axis=1))
print(np.median(f, axis=-1, keepdims=True), repr(np.median(np.array([1, np.nan, 3]))), np.median(np.array([[1.0, np.nan], [2.0, 3.0]]), axis=1))
print(repr(np.percentile(a, 50)), repr(np.percentile(a, 30)), np.percentile(a, [0, 25, 50, 75, 100]), np.percentile(f, 40, axis=0))
print(repr(np.quantile(a, 0.9)), np.quantile(np.arange(10.0), [0.1, 0.33, 0.5]), np.quantile(f, 0.5, axis=1, keepdims=True))
print(np.percentile(np.array([[10, 7, 4], [3, 2, 1]]), 50, axis=0), np.quantile(np.arange(7), 1 / 3), np.percentile(np.arange(1, 11), 99.5))
print(np.quantile(f, [[0.25], [0.75]]), np.percentile(np.array([2.0, 2.0, 2.0]), 33))
for bad in (lambda: np.percentile(a, 101), lambda: np.quantile(a, -0.5)):
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)

print(repr(np.average([1, 2, 3])), repr(np.average([1, 2, 3], weights=[3, 1, 1])), np.average(f, axis=0), np.average(f, axis=1, weights=[1, 2, 1]))
print(np.average(f, weights=np.ones((2, 3))), np.average([1.0, 3.0], weights=[1, 3], returned=True), np.average(f, axis=0, returned=True))
try:
    np.average([1, 2], weights=[0, 0])
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)

xp = [1, 2, 3]
fp = [3, 2, 0]
print(repr(np.interp(2.5, xp, fp)), np.interp([0, 1, 1.5, 2.72, 3.14], xp, fp), np.interp([0, 4], xp, fp, left=-99, right=99))
print(np.interp(np.array([[0.5, 1.0], [2.0, 9.0]]), [0.0, 1.0], [10.0, 20.0]), np.interp([np.nan, 1.5], [1.0, 2.0], [0.0, 1.0]))
print(np.interp(np.linspace(0, 2 * np.pi, 5), np.linspace(0, 2 * np.pi, 9), np.sin(np.linspace(0, 2 * np.pi, 9))))

print(np.convolve([1, 2, 3], [0, 1, 0.5]), np.convolve([1, 2, 3], [0, 1, 0.5], "same"), np.convolve([1, 2, 3], [0, 1, 0.5], "valid"))
print(np.convolve([1, 2], [3, 4]), np.convolve([1], [1, 2, 3, 4]), np.convolve(np.arange(5), np.ones(4), "same"), np.convolve(np.arange(6), [1, -1], "valid"))
print(np.correlate([1, 2, 3], [0, 1, 0.5]), np.correlate([1, 2, 3], [0, 1, 0.5], "full"), np.correlate([1, 2], [1, 2, 3], "full"), np.correlate([1, 2, 3, 4], [1, 1], "same"))
try:
    np.convolve([], [1])
except ValueError as e:
    print("ValueError", e)
