"""Stationarity, autocorrelation, AR/MA models and a unit-root test, with NumPy and SciPy only.

1. AR(1) against a random walk: the sample autocorrelation of AR(1) follows phi^k, that of the
   random walk barely decays; differencing the walk gives white noise.
2. MA(1): autocorrelation theta / (1 + theta^2) at lag 1, zero after; over-differencing a
   stationary series plants that MA signature.
3. AR(1) fitted by least squares, and its forecast error variance against the random walk's.
4. Dickey-Fuller: the unit-root t-statistic is not Student-t; its 5 % critical value, size and power.
"""

# %%
# Imports, seed and the sample autocorrelation function.
import os

import numpy as np
from scipy import signal, stats

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)


def acf(x, k_max):
    x = x - x.mean()
    return np.array([x[k:] @ x[:-k] for k in range(1, k_max + 1)]) / (x @ x)


def ar1(phi, n, size=None):
    """AR(1) paths x_t = phi x_{t-1} + e_t (phi = 1: a random walk), started at 0."""
    e = rng.normal(size=(n,) if size is None else (size, n))
    e[..., 0] = 0.0
    return signal.lfilter([1.0], [1.0, -phi], e, axis=-1)


# %%
# 1. n = 5,000: the AR(1) with phi = 0.7 forgets shocks geometrically; the walk never does.
n, phi = 5000, 0.7
x, walk = ar1(phi, n), ar1(1.0, n)
r_ar, r_rw, r_diff = acf(x, 10), acf(walk, 10), acf(np.diff(walk), 10)
print(f"{'lag':>4}{'AR(1)':>8}{'phi^k':>8}{'walk':>8}{'diff(walk)':>12}")
for k in (1, 2, 3, 5, 10):
    print(f"{k:>4}{r_ar[k-1]:>8.3f}{phi**k:>8.3f}{r_rw[k-1]:>8.3f}{r_diff[k-1]:>12.3f}")
assert np.all(np.abs(r_ar[:5] - phi ** np.arange(1, 6)) < 0.1)
assert r_rw[9] > 0.8                                   # no decay: not stationary
assert np.all(np.abs(r_diff) < 4 / np.sqrt(n))         # differenced walk: white noise

# %%
# 2. MA(1) with theta = 0.6, and the difference of the stationary AR(1) above.
theta = 0.6
e = rng.normal(size=n + 1)
r_ma = acf(e[1:] + theta * e[:-1], 3)
r_over = acf(np.diff(x), 1)[0]
print(f"\nMA(1) acf lags 1-3: {np.round(r_ma, 3)}, theory {theta / (1 + theta**2):.3f}, 0, 0")
print(f"lag-1 acf of diff(AR(1)): {r_over:.3f}, theory -(1 - phi)/2 = {-(1 - phi) / 2:.3f}")
assert abs(r_ma[0] - theta / (1 + theta**2)) < 0.06 and np.all(np.abs(r_ma[1:]) < 0.07)
assert abs(r_over + (1 - phi) / 2) < 0.04

# %%
# 3. Least squares fit of x_t on x_{t-1}, and 20-step forecast errors over 4,000 simulated
# futures: bounded for AR(1), growing like h for the walk.
phi_hat = np.linalg.lstsq(np.c_[np.ones(n - 1), x[:-1]], x[1:], rcond=None)[0][1]
h = 20
var_ar, var_rw = ar1(phi, h + 1, 4000)[:, h].var(), ar1(1.0, h + 1, 4000)[:, h].var()
print(f"\nphi_hat = {phi_hat:.3f} (true {phi}); variance of the {h}-step error: "
      f"AR(1) {var_ar:.2f} (theory {(1 - phi**(2*h)) / (1 - phi**2):.2f}), walk {var_rw:.1f} ({h})")
assert abs(phi_hat - phi) < 0.05
assert abs(var_ar / ((1 - phi ** (2 * h)) / (1 - phi**2)) - 1) < 0.1 and abs(var_rw / h - 1) < 0.1


# %%
# 4. Dickey-Fuller regression dx_t = a + g x_{t-1} + b dx_{t-1} + u_t on many series at once;
# the t-statistic of g tests g = 0 (a unit root) against g < 0 (stationary).
def adf_t(paths):
    d = np.diff(paths, axis=1)
    y, X = d[:, 1:], np.stack([np.ones_like(d[:, 1:]), paths[:, 1:-1], d[:, :-1]], axis=2)
    XtX_inv = np.linalg.inv(np.einsum("sti,stj->sij", X, X))
    beta = np.einsum("sij,stj,st->si", XtX_inv, X, y)
    resid = y - np.einsum("sti,si->st", X, beta)
    s2 = (resid**2).sum(1) / (y.shape[1] - 3)
    return beta[:, 1] / np.sqrt(s2 * XtX_inv[:, 1, 1])


t_null = adf_t(ar1(1.0, 250, 4000))                    # 4,000 random walks of length 250
crit = np.quantile(t_null, 0.05)
size = np.mean(adf_t(ar1(1.0, 250, 4000)) < -2.87)     # fresh walks, tabulated critical value
power = {p: np.mean(adf_t(ar1(p, 250, 2000)) < -2.87) for p in (0.7, 0.95)}
print(f"\nsimulated 5 % critical value {crit:.2f} (Student-t: {stats.t.ppf(0.05, 245):.2f}); "
      f"size at -2.87: {size:.3f}")
print(f"power, n = 250: phi = 0.7 {power[0.7]:.2f}, phi = 0.95 {power[0.95]:.2f}")
assert abs(crit + 2.87) < 0.1                          # MacKinnon's value for n = 250
assert 0.035 < size < 0.065
assert power[0.7] > 0.99 and power[0.95] < 0.5        # near-unit roots are hard to detect
