"""DBSCAN: density-based clusters of any shape, noise labels, choosing eps, and its blind spot.

On two interleaved half-moons with scattered noise, DBSCAN is compared with k-means, its core
points are recomputed by hand, and eps is read from a k-distance curve. Clusters of very
different density then show where a single eps fails and HDBSCAN does not.
"""

# %%
# Two half-moons plus 30 uniformly scattered noise points. k-means must cut the plane into
# convex cells; DBSCAN follows the dense regions and labels isolated points as noise (-1).
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.cluster import DBSCAN, HDBSCAN, KMeans
from sklearn.datasets import make_moons
from sklearn.metrics import adjusted_rand_score
from sklearn.neighbors import NearestNeighbors

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
X_m, y_m = make_moons(n_samples=400, noise=0.06, random_state=SEED)
X_noise = rng.uniform([-1.5, -1.0], [2.5, 1.5], size=(30, 2))
X = np.vstack([X_m, X_noise])
y = np.r_[y_m, np.full(30, -1)]
is_noise_true = y == -1

eps, min_samples = 0.15, 8
db = DBSCAN(eps=eps, min_samples=min_samples).fit(X)
km = KMeans(n_clusters=2, n_init=10, random_state=SEED).fit(X)
moon = ~is_noise_true
ari_db = adjusted_rand_score(y[moon], db.labels_[moon])
ari_km = adjusted_rand_score(y[moon], km.labels_[moon])
n_clusters = len(set(db.labels_)) - (-1 in db.labels_)
print(f"DBSCAN (eps={eps}, min_samples={min_samples}): {n_clusters} clusters, "
      f"{np.sum(db.labels_ == -1)} points labelled noise")
print(f"ARI on the moon points: DBSCAN {ari_db:.3f}, k-means {ari_km:.3f}")
# A scattered point that lands among the moon points is dense there and joins them, as it
# should; one more than 2 eps from every moon point has no dense neighbour and is noise.
far = np.min(np.linalg.norm(X_noise[:, None] - X_m[None], axis=2), axis=1) > 2 * eps
print(f"scattered points labelled noise: {np.mean(db.labels_[is_noise_true] == -1):.0%} of all 30, "
      f"{np.mean(db.labels_[is_noise_true][far] == -1):.0%} of the {far.sum()} farther than 2 eps "
      f"from every moon point")
assert n_clusters == 2 and ari_db > 0.95 and ari_km < 0.6
assert np.all(db.labels_[is_noise_true][far] == -1)
if SEED == 0:
    assert np.sum(db.labels_[is_noise_true] == -1) == 19    # 63 % of the 30 in this draw

# %%
# The definitions, checked by hand: a core point has at least min_samples points (itself
# included) within eps; a border point is not core but lies within eps of a core point; the
# rest is noise.
nn = NearestNeighbors(radius=eps).fit(X)
neighbourhoods = nn.radius_neighbors(X, return_distance=False)
core = np.array([len(nb) >= min_samples for nb in neighbourhoods])
assert np.array_equal(np.flatnonzero(core), np.sort(db.core_sample_indices_))
border = ~core & np.array([core[nb].any() for nb in neighbourhoods])
noise = ~core & ~border
assert np.array_equal(noise, db.labels_ == -1)
print(f"core {core.sum()}, border {border.sum()}, noise {noise.sum()}")

# %%
# Choosing eps: sort every point's distance to its (min_samples - 1)-th nearest other point.
# Points inside clusters have small values; the curve bends upward where noise begins.
kdist = np.sort(NearestNeighbors(n_neighbors=min_samples).fit(X).kneighbors(X)[0][:, -1])
knee_share = np.mean(kdist <= eps)
print(f"share of points whose k-distance is below eps = {eps}: {knee_share:.2f}")
assert 0.85 < knee_share < 0.99

# %%
# Varying density: two tight clusters close together and one diffuse cluster far away. Any
# eps small enough to separate the tight pair throws most of the diffuse cluster away as noise;
# any eps large enough to keep it merges the pair. HDBSCAN, which looks at all eps at once and
# keeps the most stable clusters, finds all three.
a = rng.normal(scale=0.25, size=(200, 2))
b = rng.normal(scale=0.25, size=(200, 2)) + [1.5, 0.0]
c = rng.normal(scale=1.5, size=(200, 2)) + [10.0, 0.0]
X3, y3 = np.vstack([a, b, c]), np.repeat([0, 1, 2], 200)


def ari_noise_as_singletons(labels):
    """ARI where each noise point counts as its own cluster, so noise is not a free cluster."""
    labels = labels.copy()
    labels[labels == -1] = 1000 + np.arange(np.sum(labels == -1))
    return adjusted_rand_score(y3, labels)


scores = {round(e, 2): ari_noise_as_singletons(DBSCAN(eps=e, min_samples=10).fit_predict(X3))
          for e in np.arange(0.1, 2.01, 0.1)}
best_eps = max(scores, key=scores.get)
hdb = HDBSCAN(min_cluster_size=10, copy=True).fit_predict(X3)
ari_hdb = ari_noise_as_singletons(hdb)
print(f"\nvarying density: best DBSCAN over 20 eps values ARI {scores[best_eps]:.3f} "
      f"(eps={best_eps}); HDBSCAN ARI {ari_hdb:.3f}")
assert max(scores.values()) < 0.8 and ari_hdb > max(scores.values()) + 0.15
if SEED == 0:
    assert ari_hdb > 0.9

# %%
# Figure: DBSCAN's clusters on the moons (noise as crosses) and the k-distance curve.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(9.4, 3.8),
    num="Left, DBSCAN finds the two interleaved half-moons as two clusters and marks scattered "
        "points as noise crosses; right, the sorted distance of each point to its 7th nearest "
        "neighbour, flat and low for cluster points and rising sharply near the chosen eps",
)
for lab, colour in [(0, "C0"), (1, "C1")]:
    ax1.scatter(*X[db.labels_ == lab].T, s=8, color=colour, label=f"cluster {lab}")
ax1.scatter(*X[db.labels_ == -1].T, s=25, marker="x", color="k", label="noise")
ax1.set(title="DBSCAN on moons with noise", xlabel="$x_1$", ylabel="$x_2$")
ax1.legend(fontsize=8)
ax2.plot(kdist)
ax2.axhline(eps, color="grey", ls=":", label=f"eps = {eps}")
ax2.set(xlabel="points sorted by k-distance", ylabel=f"distance to {min_samples - 1}th neighbour",
        title="k-distance plot")
ax2.legend(fontsize=8)
fig.tight_layout()
plt.show()
