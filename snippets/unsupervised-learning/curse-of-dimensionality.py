"""The curse of dimensionality, measured, and two ways around it.

1. Distance concentration: the nearest and farthest of 1000 random points become almost equally
   far from a query as the dimension grows (Beyer et al., 1999).
2. Geometry: the ball inscribed in a cube holds a vanishing share of its volume, almost all of a
   cube's volume lies near its surface, and a "local" sub-cube must span most of each axis.
3. k-nearest neighbours loses accuracy as irrelevant features are added; feature selection
   restores it.
4. Real data is rarely as high-dimensional as its feature count: PCA on the digits.
"""

# %%
# Relative contrast (max distance - min distance) / min distance from a random query to
# n uniform points in the unit cube, averaged over 20 queries.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.spatial.distance import cdist
from scipy.special import gammaln
from sklearn.datasets import load_digits, make_classification
from sklearn.decomposition import PCA
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
dims = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
contrast = []
for d in dims:
    points = rng.random((1000, d))
    queries = rng.random((20, d))
    dist = cdist(queries, points)  # Euclidean distances, shape (20, 1000)
    contrast.append(np.mean((dist.max(axis=1) - dist.min(axis=1)) / dist.min(axis=1)))
contrast = np.array(contrast)
print("    d  relative contrast (max-min)/min")
for d, c in zip(dims, contrast):
    if d in (2, 10, 100, 1000):
        print(f"{d:5d}  {c:10.2f}")
assert np.all(np.diff(contrast) < 0)  # falls at every step of the grid
assert contrast[dims.index(2)] > 20 and contrast[dims.index(1000)] < 0.2
assert contrast[0] > 1000 * contrast[-1]  # more than three orders of magnitude from d=1 to 1000


# %%
# Geometry of the cube [-1, 1]^d. The inscribed unit ball has volume pi^(d/2) / Gamma(d/2 + 1),
# the cube 2^d. The share of the cube within distance 0.01 of its surface (edge length 2) is
# 1 - 0.99^d. A sub-cube holding 10 % of uniformly spread data needs edge fraction 0.1^(1/d).
print("\n    d  ball/cube volume  shell of width 0.01  edge for 10 % of data")
for d in (1, 2, 3, 10, 100, 1000):
    log10_share = (d / 2 * np.log(np.pi) - gammaln(d / 2 + 1) - d * np.log(2)) / np.log(10)
    ball_share = 10.0**log10_share  # underflows to 0 for d = 1000, so print from the log
    exponent = int(np.floor(log10_share))
    mantissa = 10 ** (log10_share - exponent)
    shell = 1 - 0.99**d
    edge = 0.1 ** (1 / d)
    volume = f"{mantissa:.2f}e{exponent:+d}"
    print(f"{d:5d}  {volume:>16s}  {shell:19.3f}  {edge:21.3f}")
    if d == 2:
        mc = np.mean((rng.uniform(-1, 1, (200_000, 2)) ** 2).sum(axis=1) <= 1)
        assert abs(mc - np.pi / 4) < 0.01 and abs(ball_share - np.pi / 4) < 1e-12
    if d == 10:
        assert ball_share < 0.003 and edge > 0.79
    if d == 100:
        assert abs(shell - 0.63) < 0.01 and abs(edge - 0.98) < 0.005
    if d == 1000:
        assert shell > 0.9999 and log10_share < -1000


# %%
# kNN on 5 informative features plus a growing number of pure-noise features (5-fold CV).
# Noise features add distance that is unrelated to the class, so neighbours become random.
# A univariate filter (ANOVA F-test inside the pipeline, so it is refit in every fold) that
# keeps 5 features undoes most of the damage.
# One cluster per class, so each informative feature shifts the class means and a univariate
# test can find it.
X_info, y = make_classification(n_samples=500, n_features=5, n_informative=5, n_redundant=0,
                                n_clusters_per_class=1, class_sep=1.0, random_state=SEED)
noise_counts = [0, 5, 20, 50, 100, 300, 1000, 3000]
knn = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=5))
knn_select = make_pipeline(StandardScaler(), SelectKBest(f_classif, k=5),
                           KNeighborsClassifier(n_neighbors=5))
acc_plain, acc_select = [], []
for n_noise in noise_counts:
    X = np.hstack([X_info, rng.standard_normal((len(y), n_noise))])
    acc_plain.append(cross_val_score(knn, X, y, cv=5).mean())
    acc_select.append(cross_val_score(knn_select, X, y, cv=5).mean())
acc_plain, acc_select = np.array(acc_plain), np.array(acc_select)
print("\nnoise features  kNN accuracy  with SelectKBest(5)")
for n, a, s in zip(noise_counts, acc_plain, acc_select):
    print(f"{n:14d}  {a:12.3f}  {s:19.3f}")
at = {n: i for i, n in enumerate(noise_counts)}
assert acc_plain[0] > 0.85
assert acc_plain[0] > acc_plain[at[20]] > acc_plain[at[100]] and acc_plain[0] - acc_plain[at[100]] > 0.15
assert acc_plain[-1] < 0.65  # close to the 0.5 of guessing
assert acc_select[-1] > acc_plain[-1] + 0.2  # selection recovers most of the loss
assert np.all(acc_select[at[20]:] > acc_plain[at[20]:])  # and beats kNN on everything from 20 on


# %%
# Intrinsic dimension of real data: the 8x8 digits have 64 pixels, but a few components
# carry most of the variance, and kNN does as well on 20 PCA components as on all 64 pixels.
X_dig, y_dig = load_digits(return_X_y=True)
pca = PCA().fit(X_dig)
n90 = int(np.searchsorted(np.cumsum(pca.explained_variance_ratio_), 0.90) + 1)
acc_pixels = cross_val_score(KNeighborsClassifier(3), X_dig, y_dig, cv=5).mean()
acc_pca = cross_val_score(make_pipeline(PCA(20, random_state=SEED), KNeighborsClassifier(3)),
                          X_dig, y_dig, cv=5).mean()
print(f"\ndigits: {n90} of 64 components explain 90 % of the variance")
print(f"kNN on 64 pixels {acc_pixels:.3f}, on 20 PCA components {acc_pca:.3f}")
assert 15 <= n90 <= 25
assert abs(acc_pca - acc_pixels) < 0.01


# %%
# Figure: relative contrast against dimension, and kNN accuracy against noise features.
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.6), num=(
    "Left, on log-log axes the relative contrast between the farthest and nearest "
    "random point falls steadily, by more than three orders of magnitude, from 1 to 1000 "
    "dimensions, ending below 0.2; "
    "right, kNN accuracy falls towards chance as noise features are added, while kNN after "
    "selecting 5 features stays much higher."))
ax1.plot(dims, contrast, "o-")
ax1.set(xscale="log", yscale="log", xlabel="dimension d",
        ylabel="(max - min) / min distance", title="Distance concentration")
ax2.plot(np.array(noise_counts) + 1, acc_plain, "o-", label="kNN on all features")
ax2.plot(np.array(noise_counts) + 1, acc_select, "s-", label="SelectKBest(5) + kNN")
ax2.axhline(0.5, color="grey", ls=":", lw=1, label="chance")
ax2.set(xscale="log", xlabel="noise features + 1", ylabel="5-fold CV accuracy",
        title="5 informative features + noise", ylim=(0.4, 1.0))
ax2.legend(fontsize=8)
fig.tight_layout()
plt.show()
