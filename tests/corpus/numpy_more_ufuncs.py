# More ufuncs (written in Python on the native ones): positive, deg2rad,
# rad2deg, radians, degrees, float_power, reciprocal, signbit, heaviside,
# logaddexp, gcd, lcm, fmod, cbrt, exp2; they are ufunc objects too.
import warnings

import numpy as np

warnings.simplefilter("ignore")
print(np.gcd, np.radians, np.positive.nin, np.gcd.nin, np.cbrt.nout, isinstance(np.fmod, np.ufunc))
print(repr(np.positive(np.float64(-1))), np.positive(np.array([1, -2])), np.deg2rad([0, 90, 180]), repr(np.degrees(np.pi / 3)))
print(np.radians(np.array([45.0, -30.0])), np.rad2deg(np.array([1, 2])), repr(np.float_power(2, 3)), np.float_power([2, 4], 0.5))
print(np.reciprocal(np.array([1, -1, 2, 0])), np.reciprocal(np.array([2.0, 0.5, 0.0])), repr(np.reciprocal(4.0)))
print(np.signbit(np.array([-0.0, 0.0, -1, np.nan, -np.nan])), repr(np.signbit(-3)), np.signbit(np.array([-2, 0, 5])))
print(np.heaviside(np.array([-1.5, 0, 2, np.nan]), 0.5), np.heaviside(np.array([0, 0]), np.array([1.0, 2.0])))
print(np.logaddexp(np.array([1.0, -np.inf, 1e300, 0.0]), np.array([2.0, -np.inf, 1e300, -50.0])), repr(np.logaddexp(0.5, 0.25)))
print(np.gcd(np.array([12, 20, 0, -4]), 8), np.lcm(np.array([4, 6, 0, -3]), 10), repr(np.gcd(12, 18)), np.gcd.reduce([12, 18, 27]))
print(np.fmod(np.array([-7, 7, 5]), 3), np.fmod(np.array([-7.5, 7.5, 1.0, np.inf]), np.array([2.0, -2.0, 0.0, 1.0])), np.fmod(np.array([5]), 0))
print(np.cbrt(np.array([27.0, -8.0, 2.0])), np.exp2(np.array([3.5, -1.0, 10])), repr(np.cbrt(64)), np.exp2([0.5]))
print(np.positive(np.arange(3), out=np.zeros(3)), np.logaddexp.reduce(np.array([0.0, 0.0, 0.0])), np.gcd.outer([4, 6], [6, 9]))
try:
    np.gcd(np.array([1.5]), 2)
except TypeError as e:
    print("TypeError")
print(np.fmax(np.array([1.0, np.nan, np.nan, 3]), np.array([np.nan, 2.0, np.nan, 1])), np.fmin([1, 5], [3, 2]), repr(np.fmax(np.nan, 1.0)))
print(np.fmax.reduce(np.array([np.nan, 1.0, 3.0])), np.fmin.reduce(np.array([2.0, np.nan, 1.0])), np.fmax.identity, np.fmin(np.array([np.nan]), np.nan))
