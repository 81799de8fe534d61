"""k-means: Lloyd's algorithm from scratch, why k-means++ seeding matters, and choosing k.

Lloyd's two steps are written in NumPy and checked to lower the within-cluster sum of squares at
every iteration; random seeding is compared with k-means++; inertia (the elbow) and the
silhouette score are computed for k = 2..9 on data with four clusters.
"""

# %%
# Lloyd's algorithm: assign each point to its nearest centre, move each centre to the mean of
# its points, repeat. Neither step can increase the inertia (within-cluster sum of squares).
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score, silhouette_score

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def lloyd(X, centres, n_iter=100):
    history = []
    for _ in range(n_iter):
        d2 = ((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        labels = d2.argmin(axis=1)
        history.append(d2[np.arange(len(X)), labels].sum())
        new = np.array([X[labels == j].mean(axis=0) if np.any(labels == j) else centres[j]
                        for j in range(len(centres))])
        if np.allclose(new, centres):
            break
        centres = new
    return centres, labels, np.array(history)


# Four well-separated clusters at fixed centres (the points themselves change with the seed).
X, y_true = make_blobs(n_samples=600, centers=[(-6, -2), (0, 6), (6, -1), (1, -7)],
                       cluster_std=1.0, random_state=SEED)
rng = np.random.default_rng(SEED)
start = X[rng.choice(len(X), size=4, replace=False)]   # random data points as initial centres
centres, labels, history = lloyd(X, start)
print(f"Lloyd's algorithm: {len(history)} iterations, "
      f"inertia {history[0]:.0f} -> {history[-1]:.0f}")
assert np.all(np.diff(history) <= 1e-9)                  # never goes up

# scikit-learn from the same start, with tol=0 so that it also runs until nothing changes,
# reaches the same partition (its default tolerance stops a little earlier).
sk = KMeans(n_clusters=4, init=start, n_init=1, tol=0).fit(X)
assert np.isclose(sk.inertia_, history[-1], rtol=1e-6)
assert adjusted_rand_score(sk.labels_, labels) == 1.0

# %%
# Seeding. With many clusters, random initial centres often put two centres in one cluster and
# none in another; Lloyd's steps cannot fix that. k-means++ picks each new centre with
# probability proportional to its squared distance from the centres chosen so far.
X15, _ = make_blobs(n_samples=1500, centers=15, cluster_std=0.5, center_box=(-20, 20),
                    random_state=SEED + 1)
inertia = {"random": [], "k-means++": []}
for seed in range(10):
    for init in inertia:
        km = KMeans(n_clusters=15, init=init, n_init=1, random_state=seed).fit(X15)
        inertia[init].append(km.inertia_)
best = min(min(v) for v in inertia.values())
print("\n15 clusters, 10 single runs each   median inertia   runs within 1 % of the best")
for init, values in inertia.items():
    near = np.mean(np.array(values) < 1.01 * best)
    print(f"  {init:<32} {np.median(values):14.0f}   {near:27.0%}")
assert np.median(inertia["k-means++"]) < np.median(inertia["random"])
assert np.mean(np.array(inertia["k-means++"]) < 1.01 * best) > np.mean(
    np.array(inertia["random"]) < 1.01 * best)

# %%
# The uniform effect. A wide cluster of 1,000 points next to a tight one of 100: the boundary
# lies halfway between the two centres, so the tail of the wide cluster falls in the small
# cluster's cell. The sizes k-means returns are more even than the true ones.
big = rng.normal(0, 2.0, size=(1000, 2))
small = rng.normal(0, 0.5, size=(100, 2)) + [6, 0]
uneven = KMeans(n_clusters=2, n_init=10, random_state=SEED).fit(np.vstack([big, small]))
small_label = np.bincount(uneven.labels_[1000:]).argmax()   # the cell holding the small cluster
taken = int(np.sum(uneven.labels_[:1000] == small_label))   # wide-cluster points in that cell
lost = int(np.sum(uneven.labels_[1000:] != small_label))     # small-cluster points outside it
print(f"\nuniform effect: true sizes 1000 and 100; k-means sizes {1000 - taken + lost} and "
      f"{100 + taken - lost} ({taken} points of the wide cluster go to the small one, {lost} the "
      f"other way)")
assert taken > 100 and lost == 0        # the small cluster more than doubles, at the wide one's expense

# %%
# Choosing k on the four-cluster data: inertia always falls as k grows (so its minimum is
# useless), but the bend ("elbow") and the silhouette score both point to k = 4.
ks = range(2, 10)
inertias, silhouettes = [], []
for k in ks:
    km = KMeans(n_clusters=k, n_init=10, random_state=SEED).fit(X)
    inertias.append(km.inertia_)
    silhouettes.append(silhouette_score(X, km.labels_))
print("\n k   inertia   silhouette")
for k, i, s in zip(ks, inertias, silhouettes):
    print(f"{k:2d} {i:9.0f} {s:12.3f}")
assert np.all(np.diff(inertias) < 0)
assert list(ks)[int(np.argmax(silhouettes))] == 4
drops = -np.diff(inertias)                     # gain from each extra cluster
assert drops[1] > 10 * drops[2]                # 3 -> 4 gains far more than 4 -> 5

# %%
# Figure: the elbow and the silhouette curve side by side.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(8.4, 3.4),
    num="For k from 2 to 9 on data with four clusters: the k-means inertia falls steeply up to "
        "k = 4 and slowly after it, forming an elbow, and the silhouette score peaks at k = 4",
)
ax1.plot(list(ks), inertias, "o-")
ax1.set(xlabel="k", ylabel="inertia (within-cluster SS)", title="Elbow")
ax2.plot(list(ks), silhouettes, "o-", color="C1")
ax2.set(xlabel="k", ylabel="mean silhouette", title="Silhouette")
for ax in (ax1, ax2):
    ax.axvline(4, color="grey", ls=":")
fig.tight_layout()
plt.show()
