"""The ideas behind XGBoost and LightGBM, in NumPy and scikit-learn.

1. XGBoost's second-order split gain and leaf weight, and what the L2 penalty lambda does.
2. Histogram split finding: 255 bins find almost the same split as scanning every value,
   and a child's histogram is its parent's minus its sibling's.
3. LightGBM's gradient-based one-side sampling (GOSS) against uniform row sampling.
4. Accuracy: scikit-learn's exact GradientBoostingClassifier against its LightGBM-style
   HistGradientBoostingClassifier, on the same data and the same number of trees. (Their speed
   differs too, but seconds depend on the machine, so the snippet does not assert them.)
"""

# %%
# Second-order objective. For a leaf holding rows with gradients g_i and Hessians h_i of the
# loss, adding w to their predictions changes the loss by about G w + (H + lambda) w^2 / 2,
# with G = sum g_i and H = sum h_i. The best w is -G / (H + lambda), worth G^2 / (2(H + lambda)).
import os
import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def leaf_weight(G, H, lam):
    return -G / (H + lam)


def split_gain(G_left, H_left, G_right, H_right, lam, gamma=0.0):
    score = lambda G, H: G**2 / (H + lam)
    return 0.5 * (score(G_left, H_left) + score(G_right, H_right)
                  - score(G_left + G_right, H_left + H_right)) - gamma


rng = np.random.default_rng(SEED)
# Squared loss: g = F - y, h = 1. With lambda = 0 the leaf weight is the mean residual.
residuals = rng.normal(1.0, 1.0, 50)
assert np.isclose(leaf_weight(-residuals.sum(), residuals.size, 0.0), residuals.mean())

# lambda shrinks small leaves much more than large ones: same mean gradient, different sizes.
print("rows in leaf   mean residual   weight (lambda=0)   weight (lambda=5)")
for n_rows in (3, 300):
    g = -np.full(n_rows, 2.0)                       # every residual equals 2
    w0, w5 = leaf_weight(g.sum(), n_rows, 0.0), leaf_weight(g.sum(), n_rows, 5.0)
    print(f"{n_rows:12d} {2.0:15.1f} {w0:19.2f} {w5:18.2f}")
    assert np.isclose(w0, 2.0)
assert leaf_weight(-6.0, 3, 5.0) < 0.5 * 2.0        # 3-row leaf: shrunk by more than half
assert leaf_weight(-600.0, 300, 5.0) > 0.95 * 2.0   # 300-row leaf: hardly shrunk

# gamma is a minimum gain: a split whose gain is below gamma is not made.
# Here the two children pull in opposite directions.
gain_0, gain_2 = (split_gain(-3.0, 3, 2.0, 3, lam=1.0, gamma=gm) for gm in (0.0, 2.0))
print(f"split gain with gamma = 0: {gain_0:.2f}; with gamma = 2: {gain_2:.2f} (not split)")
assert 1.5 < gain_0 < 1.6 and gain_2 < 0

# %%
# Exact vs histogram split search on one feature with 20,000 distinct values. Log-loss
# gradients and Hessians come from a model that predicts p = 0.5 everywhere.
n = 20_000
x = rng.normal(size=n)
y = (rng.random(n) < 1 / (1 + np.exp(-2 * np.sin(2 * x)))).astype(float)
g, h = 0.5 - y, np.full(n, 0.25)
lam = 1.0


def best_exact(x, g, h):
    order = np.argsort(x)
    G_left, H_left = np.cumsum(g[order])[:-1], np.cumsum(h[order])[:-1]
    gains = split_gain(G_left, H_left, g.sum() - G_left, h.sum() - H_left, lam)
    i = np.argmax(gains)
    return gains[i], (x[order][i] + x[order][i + 1]) / 2, gains.size


def histogram(bins, values, n_bins):
    return np.bincount(bins, weights=values, minlength=n_bins)


def best_histogram(x, g, h, n_bins=255):
    edges = np.quantile(x, np.linspace(0, 1, n_bins + 1)[1:-1])
    bins = np.searchsorted(edges, x, side="right")           # bin index 0 .. n_bins - 1
    G_hist, H_hist = histogram(bins, g, n_bins), histogram(bins, h, n_bins)
    G_left, H_left = np.cumsum(G_hist)[:-1], np.cumsum(H_hist)[:-1]
    gains = split_gain(G_left, H_left, g.sum() - G_left, h.sum() - H_left, lam)
    i = np.argmax(gains)
    return gains[i], edges[i], gains.size, bins


gain_exact, thr_exact, cand_exact = best_exact(x, g, h)
gain_hist, thr_hist, cand_hist, bins = best_histogram(x, g, h)
print(f"\nexact search    : {cand_exact:6d} candidates, gain {gain_exact:.2f}, "
      f"threshold {thr_exact:+.3f}")
print(f"histogram search: {cand_hist:6d} candidates, gain {gain_hist:.2f}, "
      f"threshold {thr_hist:+.3f}")
assert cand_exact > 50 * cand_hist
assert gain_hist > 0.98 * gain_exact and abs(thr_hist - thr_exact) < 0.05

# Histogram subtraction: build the histogram of the smaller child only; the larger child's is
# the parent's minus it, so the larger child costs no pass over its rows.
left = x <= thr_hist
parent_hist = histogram(bins, g, 255)
assert np.allclose(parent_hist - histogram(bins[left], g[left], 255),
                   histogram(bins[~left], g[~left], 255))

# %%
# GOSS: keep the 20 % of rows with the largest |gradient|, sample 10 % of the rest and up-weight
# those by (1 - 0.2) / 0.1, so sums over the sample estimate sums over all rows. Compare its
# estimate of a split's gain with uniform sampling of the same 30 % of rows, over many draws.
# The gradients come from a model that already fits most rows well, so most are near zero.
p_fit = np.clip(1 / (1 + np.exp(-6 * np.sin(2 * x))), 1e-3, 1 - 1e-3)
g_fit, h_fit = p_fit - y, p_fit * (1 - p_fit)
split = x <= 0.3
true_gain = split_gain(g_fit[split].sum(), h_fit[split].sum(),
                       g_fit[~split].sum(), h_fit[~split].sum(), lam)


def sampled_gain(weights):
    gw, hw = g_fit * weights, h_fit * weights
    return split_gain(gw[split].sum(), hw[split].sum(), gw[~split].sum(), hw[~split].sum(), lam)


a, b = 0.2, 0.1
top = np.argsort(-np.abs(g_fit))[: int(a * n)]
rest = np.setdiff1d(np.arange(n), top)
goss, uniform = [], []
for _ in range(300):
    w = np.zeros(n)
    w[top] = 1.0
    w[rng.choice(rest, int(b * n), replace=False)] = (1 - a) / b
    goss.append(sampled_gain(w))
    w = np.zeros(n)
    w[rng.choice(n, int((a + b) * n), replace=False)] = 1 / (a + b)
    uniform.append(sampled_gain(w))
err_goss = np.sqrt(np.mean((np.array(goss) - true_gain) ** 2))
err_uniform = np.sqrt(np.mean((np.array(uniform) - true_gain) ** 2))
print(f"\nsplit gain on all rows {true_gain:.1f}; RMS error of the estimate from 30 % of rows:")
print(f"  GOSS (top 20 % + 10 % of the rest) {err_goss:6.1f}")
print(f"  uniform 30 % sample                {err_uniform:6.1f}")
assert err_goss < 0.7 * err_uniform

# %%
# Same data, 30 trees of depth 3 each: the exact learner sorts and scans every value of every
# feature at every node; the histogram learner bins each feature once into at most 255 bins
# and then scans bins. Binning costs almost no accuracy.
X, y_cls = make_classification(n_samples=10_000, n_features=20, n_informative=8, random_state=SEED)
X_tr, X_te, y_tr, y_te = train_test_split(X, y_cls, test_size=0.5, random_state=SEED)
learners = {
    "exact (GradientBoosting)": GradientBoostingClassifier(
        n_estimators=30, max_depth=3, random_state=SEED),
    "histogram (HistGradientBoosting)": HistGradientBoostingClassifier(
        max_iter=30, max_depth=3, max_leaf_nodes=None, early_stopping=False, random_state=SEED),
}
acc = {}
print(f"\n{'learner':<34} {'test acc':>9}")
for name, model in learners.items():
    acc[name] = model.fit(X_tr, y_tr).score(X_te, y_te)
    print(f"{name:<34} {acc[name]:9.3f}")
exact_name, hist_name = list(learners)
assert abs(acc[exact_name] - acc[hist_name]) < 0.02
