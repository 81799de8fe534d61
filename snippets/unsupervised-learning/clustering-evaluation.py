"""Judging clusterings without labels: internal indices, stability, null baselines, and their bias.

On data with four clusters, three internal indices and a subsampling stability score choose k.
Uniform noise shows that a positive silhouette alone proves nothing, moons show that internal
indices prefer convex clusters, and random labels show why adjusted external scores exist.
"""

# %%
# Four Gaussian clusters of different sizes. For each k, fit k-means and compute the
# silhouette (higher is better), Calinski-Harabasz (higher) and Davies-Bouldin (lower).
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.cluster import DBSCAN, KMeans
from sklearn.datasets import make_blobs, make_moons
from sklearn.metrics import (
    adjusted_rand_score, calinski_harabasz_score, davies_bouldin_score,
    normalized_mutual_info_score, rand_score, silhouette_score,
)

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = make_blobs(n_samples=[150, 150, 100, 60], centers=[[0, 0], [5, 0], [0, 5], [5, 5]],
                  cluster_std=[1.0, 1.2, 0.8, 0.7], random_state=SEED)
ks = list(range(2, 8))
sil, ch, db = [], [], []
for k in ks:
    labels = KMeans(n_clusters=k, n_init=10, random_state=SEED).fit_predict(X)
    sil.append(silhouette_score(X, labels))
    ch.append(calinski_harabasz_score(X, labels))
    db.append(davies_bouldin_score(X, labels))

# %%
# Stability: cluster two random 80 % subsamples, label all points with each model, and compare
# the two labellings with ARI. A k that matches real structure gives the same answer on
# different subsamples; a wrong k splits or merges clusters arbitrarily.
rng = np.random.default_rng(SEED)


def stability(X, k, n_pairs=10):
    scores = []
    for _ in range(n_pairs):
        a, b = (rng.choice(len(X), int(0.8 * len(X)), replace=False) for _ in range(2))
        seed_a, seed_b = (int(v) for v in rng.integers(1e6, size=2))
        la = KMeans(n_clusters=k, n_init=3, random_state=seed_a).fit(X[a]).predict(X)
        lb = KMeans(n_clusters=k, n_init=3, random_state=seed_b).fit(X[b]).predict(X)
        scores.append(adjusted_rand_score(la, lb))
    return np.mean(scores)


stab = [stability(X, k) for k in ks]
print(" k  silhouette  Calinski-Harabasz  Davies-Bouldin  stability (ARI)")
for row in zip(ks, sil, ch, db, stab):
    print(f"{row[0]:2d} {row[1]:11.3f} {row[2]:18.1f} {row[3]:15.3f} {row[4]:16.3f}")
assert ks[int(np.argmax(sil))] == 4 and ks[int(np.argmax(ch))] == 4
assert ks[int(np.argmin(db))] == 4
# Stability is high at the right k and clearly lower for every larger k, but a smaller k can
# be about as stable (merging whole clusters is a stable choice too): necessary, not sufficient.
assert stab[ks.index(4)] > 0.95 and stab[ks.index(4)] > max(stab[ks.index(5):]) + 0.05
if SEED == 0:
    assert round(stab[ks.index(3)], 2) == 0.95   # in this draw, k = 3 is nearly as stable

# %%
# A null baseline: k-means on uniform noise still returns clusters with a clearly positive
# silhouette. Compare against such a reference before believing a score.
U = rng.uniform(0, 1, size=(460, 2))
sil_noise = silhouette_score(U, KMeans(n_clusters=4, n_init=10, random_state=SEED).fit_predict(U))
print(f"\nsilhouette of k-means (k=4) on uniform noise: {sil_noise:.3f} "
      f"(structured data: {sil[ks.index(4)]:.3f})")
assert sil_noise > 0.3 and sil[ks.index(4)] > sil_noise + 0.1

# %%
# Bias: internal indices reward compact, convex clusters. On moons, DBSCAN finds the true
# clusters, yet k-means' wrong answer gets the better silhouette.
Xm, ym = make_moons(n_samples=400, noise=0.05, random_state=SEED)
lab_km = KMeans(n_clusters=2, n_init=10, random_state=SEED).fit_predict(Xm)
lab_db = DBSCAN(eps=0.2, min_samples=5).fit_predict(Xm)
assert not np.any(lab_db == -1)                       # no noise here, so the scores compare
print("\nmoons      silhouette   ARI vs truth")
for name, lab in [("k-means", lab_km), ("DBSCAN", lab_db)]:
    print(f"{name:<10} {silhouette_score(Xm, lab):10.3f} {adjusted_rand_score(ym, lab):14.3f}")
assert silhouette_score(Xm, lab_km) > silhouette_score(Xm, lab_db)
assert adjusted_rand_score(ym, lab_db) > 0.99 and adjusted_rand_score(ym, lab_km) < 0.5

# %%
# External scores, when a few labels exist: the raw Rand index of random labels is far above
# zero, which is why the adjusted versions (ARI, and NMI's chance-corrected sibling AMI) exist.
random_labels = rng.integers(0, 4, size=len(y))
ri, ari = rand_score(y, random_labels), adjusted_rand_score(y, random_labels)
nmi = normalized_mutual_info_score(y, random_labels)
print(f"\nrandom labels vs truth: Rand index {ri:.3f}, ARI {ari:.3f}, NMI {nmi:.3f}")
assert ri > 0.5 and abs(ari) < 0.02 and nmi < 0.02

# %%
# Figure: the four criteria against k, each scaled to [0, 1] with "better" upwards.
def scaled(v, higher_is_better=True):
    v = np.asarray(v, float)
    v = (v - v.min()) / (v.max() - v.min())
    return v if higher_is_better else 1 - v


fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Silhouette, Calinski-Harabasz, Davies-Bouldin (inverted) and subsampling stability "
        "for k from 2 to 7 on data with four clusters, each rescaled so that higher is better: "
        "the three indices peak at k = 4, and stability is high at k = 4 and lower for every "
        "larger k",
)
ax.plot(ks, scaled(sil), "o-", label="silhouette")
ax.plot(ks, scaled(ch), "s-", label="Calinski-Harabasz")
ax.plot(ks, scaled(db, higher_is_better=False), "^-", label="Davies-Bouldin (inverted)")
ax.plot(ks, scaled(stab), "d-", label="stability (ARI)")
ax.axvline(4, color="grey", ls=":")
ax.set(xlabel="k", ylabel="score rescaled to [0, 1]", title="Choosing k without labels")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
