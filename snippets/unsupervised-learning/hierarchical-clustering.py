"""Agglomerative hierarchical clustering: linkages, dendrograms and where to cut them.

Compares single, complete, average and Ward linkage on moons and on two blobs joined by a thin
bridge of points, checks that SciPy and scikit-learn agree, measures how faithfully each tree
keeps the original distances (cophenetic correlation), and draws a dendrogram with a cut.
"""

# %%
# Two data sets that pull the linkages apart. Moons: non-convex clusters. Bridge: two round
# blobs joined by a thin line of points (plus the points of the line are left unscored).
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.cluster.hierarchy import cophenet, dendrogram, fcluster, linkage
from scipy.spatial.distance import pdist
from sklearn.cluster import AgglomerativeClustering
from sklearn.datasets import make_blobs, make_moons
from sklearn.metrics import adjusted_rand_score

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
X_moons, y_moons = make_moons(n_samples=300, noise=0.05, random_state=SEED)
blobs, y_blobs = make_blobs(n_samples=300, centers=[[-4, 0], [4, 0]], cluster_std=1.0,
                            random_state=SEED)
line = np.c_[np.linspace(-2.5, 2.5, 25), rng.normal(scale=0.05, size=25)]
X_bridge = np.vstack([blobs, line])

print(f"{'linkage':<9} {'ARI moons':>10} {'ARI bridge':>11} {'cophenetic r (moons)':>21}")
res = {}
for method in ("single", "complete", "average", "ward"):
    Z_m = linkage(X_moons, method=method)
    Z_b = linkage(X_bridge, method=method)
    ari_m = adjusted_rand_score(y_moons, fcluster(Z_m, t=2, criterion="maxclust"))
    ari_b = adjusted_rand_score(y_blobs, fcluster(Z_b, t=2, criterion="maxclust")[:300])
    coph = cophenet(Z_m, pdist(X_moons))[0]
    res[method] = (ari_m, ari_b, coph)
    print(f"{method:<9} {ari_m:10.3f} {ari_b:11.3f} {coph:21.3f}")
# Single linkage follows chains: perfect on moons, but the bridge glues the blobs together.
assert res["single"][0] > 0.99 and res["single"][1] < 0.05
# Ward prefers compact clusters: splits the blobs correctly, but cuts the moons wrongly.
assert res["ward"][1] > 0.95 and res["ward"][0] < 0.6
# Complete, average and Ward trees keep the original distances about equally well (cophenetic
# correlations within 0.05 of each other); single linkage's merge heights are nearest-neighbour
# gaps and keep them far worse.
compact = [res[m][2] for m in ("complete", "average", "ward")]
assert max(compact) - min(compact) < 0.05 and res["single"][2] < min(compact) - 0.15
assert all(abs(c - 0.7) < 0.05 for c in compact) and res["single"][2] < 0.5

# %%
# SciPy's and scikit-learn's Ward trees give the same clusters.
sk = AgglomerativeClustering(n_clusters=2, linkage="ward").fit(X_bridge)
scipy_labels = fcluster(linkage(X_bridge, "ward"), t=2, criterion="maxclust")
assert adjusted_rand_score(sk.labels_, scipy_labels) == 1.0

# %%
# One tree, many clusterings: cutting the same Ward tree at different heights gives nested
# partitions, so clusters at a lower cut never straddle two clusters of a higher cut.
X3, y3 = make_blobs(n_samples=40, centers=[[0, 0], [6, 0], [3, 5]], cluster_std=0.8,
                    random_state=SEED + 1)
Z3 = linkage(X3, "ward")
heights = Z3[:, 2]
gap = np.argmax(np.diff(heights))               # largest jump between successive merges
cut = (heights[gap] + heights[gap + 1]) / 2
labels_cut = fcluster(Z3, t=cut, criterion="distance")
print(f"\n40 points, 3 blobs: largest jump in merge height after merge {gap + 1} of "
      f"{len(heights)}; cutting there gives {labels_cut.max()} clusters, "
      f"ARI {adjusted_rand_score(y3, labels_cut):.3f}")
assert labels_cut.max() == 3 and adjusted_rand_score(y3, labels_cut) == 1.0
for k_small, k_big in [(2, 3), (3, 5), (5, 8)]:
    coarse = fcluster(Z3, t=k_small, criterion="maxclust")
    fine = fcluster(Z3, t=k_big, criterion="maxclust")
    assert all(len(set(coarse[fine == f])) == 1 for f in np.unique(fine))   # nested

# Memory is the real limit: the condensed distance matrix of 100,000 points in float64.
n_big = 100_000
print(f"condensed distance matrix for {n_big:,} points: {n_big * (n_big - 1) // 2 * 8 / 1e9:.0f} GB")
assert round(n_big * (n_big - 1) // 2 * 8 / 1e9) == 40

# %%
# Figure: the Ward dendrogram of the 40 points with the cut line.
fig, ax = plt.subplots(
    figsize=(7.0, 3.6),
    num="Ward-linkage dendrogram of 40 points drawn from three blobs: three tall, well "
        "separated branches, and a horizontal cut line across the large gap in merge heights "
        "that splits the tree into exactly three clusters",
)
dendrogram(Z3, ax=ax, color_threshold=cut, no_labels=True)
ax.axhline(cut, color="k", ls="--", lw=1, label="cut: 3 clusters")
ax.set(ylabel="merge height (Ward)", xlabel="points", title="Dendrogram")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
