"""Distance metrics for nearest neighbours: what they measure and when the choice matters.

1. Identities: Euclidean distance on unit-length vectors ranks neighbours exactly as cosine
   similarity does; Mahalanobis distance is Euclidean distance after whitening.
2. Not every "distance" is a metric: Minkowski with p < 1 and cosine distance can break the
   triangle inequality.
3. kNN accuracy with four metrics, raw and standardised, on the wine data (features in very
   different units) and the digits data (all features are pixel intensities).
4. Binary data: Hamming distance is dominated by shared zeros; Jaccard ignores them.
"""

# %%
# Cosine vs Euclidean: for unit vectors, ||a - b||^2 = 2 - 2 cos(a, b), a decreasing function
# of the cosine, so both pick the same neighbours in the same order.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.spatial.distance import cdist
from sklearn.datasets import load_digits, load_wine
from sklearn.decomposition import PCA
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
V = rng.normal(size=(200, 10))
U = V / np.linalg.norm(V, axis=1, keepdims=True)
cos_sim = U @ U.T
assert np.allclose(cdist(U, U, "sqeuclidean"), 2 - 2 * cos_sim)
order_euclid = np.argsort(cdist(U[:5], U), axis=1)
order_cosine = np.argsort(-cos_sim[:5], axis=1)
assert np.array_equal(order_euclid, order_cosine)

# Mahalanobis with the inverse sample covariance = Euclidean after PCA whitening.
C = np.array([[4.0, 1.8], [1.8, 1.0]])
Z = rng.multivariate_normal([0, 0], C, size=500)
VI = np.linalg.inv(np.cov(Z, rowvar=False))
mahal = cdist(Z[:20], Z, "mahalanobis", VI=VI)
white = PCA(whiten=True).fit(Z)
whitened = cdist(white.transform(Z[:20]), white.transform(Z))
assert np.allclose(mahal, whitened)
print("identities hold: unit-vector Euclidean ~ cosine; Mahalanobis = whitened Euclidean")

# %%
# Triangle inequality d(a, c) <= d(a, b) + d(b, c).
a, b, c = np.array([0.0, 0.0]), np.array([1.0, 0.0]), np.array([1.0, 1.0])
for p in (2, 1, 0.5):
    d = lambda u, v: (np.abs(u - v) ** p).sum() ** (1 / p)
    holds = d(a, c) <= d(a, b) + d(b, c) + 1e-12
    print(f"Minkowski p = {p:<3}: d(a,c) = {d(a, c):.2f}, d(a,b) + d(b,c) = "
          f"{d(a, b) + d(b, c):.2f}, triangle inequality {'holds' if holds else 'FAILS'}")
    assert holds == (p >= 1)
x1, x2, x3 = np.array([1.0, 0.0]), np.array([1.0, 1.0]), np.array([0.0, 1.0])
cos_d = lambda u, v: 1 - u @ v / np.linalg.norm(u) / np.linalg.norm(v)
print(f"cosine distance: d(x1,x3) = {cos_d(x1, x3):.2f} > d(x1,x2) + d(x2,x3) = "
      f"{cos_d(x1, x2) + cos_d(x2, x3):.2f}")
assert cos_d(x1, x3) > cos_d(x1, x2) + cos_d(x2, x3)

# %%
# 5-nearest-neighbour accuracy, 5-fold CV. Wine: 13 chemical measurements on very different
# scales (proline in the hundreds, hue around 1). Digits: 64 pixel intensities, all 0-16.
cv = StratifiedKFold(5, shuffle=True, random_state=SEED)
metrics = ["euclidean", "manhattan", "chebyshev", "cosine"]
results = {}
for name, (X, y) in {"wine": load_wine(return_X_y=True),
                     "digits": load_digits(return_X_y=True)}.items():
    for metric in metrics:
        knn = KNeighborsClassifier(n_neighbors=5, metric=metric)
        raw = cross_val_score(knn, X, y, cv=cv).mean()
        scaled = cross_val_score(make_pipeline(StandardScaler(), knn), X, y, cv=cv).mean()
        results[name, metric] = (raw, scaled)
    white_knn = make_pipeline(PCA(whiten=True), KNeighborsClassifier(n_neighbors=5))
    results[name, "mahalanobis"] = (cross_val_score(white_knn, X, y, cv=cv).mean(), np.nan)

print(f"\n{'data':<7} {'metric':<12} {'raw':>6} {'standardised':>13}")
for (name, metric), (raw, scaled) in results.items():
    shown = f"{scaled:13.3f}" if not np.isnan(scaled) else f"{'(whitened)':>13}"
    print(f"{name:<7} {metric:<12} {raw:6.3f} {shown}")

wine_raw = {m: results["wine", m][0] for m in metrics}
wine_scaled = {m: results["wine", m][1] for m in metrics}
wine_margin = min(wine_scaled.values()) - max(wine_raw.values())
digits_drop = results["digits", "euclidean"][0] - results["digits", "euclidean"][1]
print(f"\nwine: worst standardised minus best raw accuracy {wine_margin:+.3f}")
print(f"digits: Euclidean accuracy lost by standardising {digits_drop:.3f}")
assert wine_margin > 0.05                  # units dominate wine (0.06 to 0.14 across splits)
assert results["wine", "cosine"][0] == max(wine_raw.values())
assert results["wine", "cosine"][0] > results["wine", "euclidean"][0] + 0.05
assert 0.003 < digits_drop < 0.02          # scaling costs about one point on the digits
assert results["digits", "chebyshev"][0] == min(results["digits", m][0] for m in metrics)
assert results["wine", "mahalanobis"][0] > wine_raw["euclidean"] + 0.1
# Whitening 64 pixels rescales near-constant border pixels to unit variance: noise wins.
assert results["digits", "mahalanobis"][0] < results["digits", "euclidean"][0] - 0.2

# %%
# Sparse binary data (items bought out of 1,000). Hamming counts every disagreement, so two
# light buyers with nothing in common look closer than two heavy buyers who share 15 items.
def basket(items, n=1000):
    v = np.zeros(n, dtype=bool)
    v[list(items)] = True
    return v


light_a, light_b = basket([1, 2]), basket([3, 4])
heavy_a, heavy_b = basket(range(0, 20)), basket(range(5, 25))
ham = lambda u, v: np.mean(u != v)
jac = lambda u, v: 1 - np.sum(u & v) / np.sum(u | v)
print(f"\nlight buyers, nothing shared : Hamming {ham(light_a, light_b):.3f}, "
      f"Jaccard {jac(light_a, light_b):.3f}")
print(f"heavy buyers, 15 items shared: Hamming {ham(heavy_a, heavy_b):.3f}, "
      f"Jaccard {jac(heavy_a, heavy_b):.3f}")
assert ham(light_a, light_b) < ham(heavy_a, heavy_b)
assert jac(light_a, light_b) > jac(heavy_a, heavy_b)

# %%
# Figure: unit balls of three Minkowski norms, and a Mahalanobis ball for correlated data.
t = np.linspace(0, 2 * np.pi, 400)
circle = np.c_[np.cos(t), np.sin(t)]
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(10.0, 3.8), gridspec_kw={"width_ratios": [1.6, 1.4]},
    num="Left, the sets of points at distance 1 from the origin: a diamond for Manhattan, a "
        "circle for Euclidean, a square for Chebyshev and a star-shaped curve for p equal to "
        "0.5; right, correlated data with a Mahalanobis ball that is an ellipse aligned with "
        "the data, next to a Euclidean circle that ignores the correlation",
)
for p, label in ((0.5, "p = 0.5 (not a metric)"), (1, "p = 1 Manhattan"),
                 (2, "p = 2 Euclidean"), (np.inf, "p = ∞ Chebyshev")):
    if np.isinf(p):
        ball = np.array([[1, 1], [-1, 1], [-1, -1], [1, -1], [1, 1]])
    else:   # |x|^p + |y|^p = 1, traced as (sign(cos) |cos|^(2/p), sign(sin) |sin|^(2/p))
        ball = np.sign(circle) * np.abs(circle) ** (2 / p)
        assert np.allclose((np.abs(ball) ** p).sum(axis=1), 1)
    ax1.plot(*ball.T, label=label)
ax1.set_aspect("equal")
ax1.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1.0))
ax1.set_title("unit balls", fontsize=9)
ax2.scatter(*Z.T, s=4, color="gray", alpha=0.5)
L = np.linalg.cholesky(np.cov(Z, rowvar=False))
ax2.plot(*(2 * circle @ L.T).T, color="C3", label="Mahalanobis distance 2")
ax2.plot(*(2 * circle * np.sqrt(np.trace(np.cov(Z, rowvar=False)) / 2)).T, color="C0",
         ls="--", label="Euclidean circle")
ax2.set_aspect("equal")
ax2.legend(fontsize=7, loc="upper left")
ax2.set_title("correlated data", fontsize=9)
fig.tight_layout()
plt.show()
