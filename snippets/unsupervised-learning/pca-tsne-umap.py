"""PCA against t-SNE on the same data: what each embedding keeps and what it distorts.

On 500 handwritten digits, a 2-D PCA and a 2-D t-SNE embedding are compared on local structure
(trustworthiness, nearest-neighbour accuracy in the embedding) and global structure (correlation
of all pairwise distances). A second experiment shows that t-SNE does not keep relative cluster
sizes. UMAP is not part of scikit-learn, so it is discussed on the page but not run.
"""

# %%
# Embed 500 digits (64 pixel features) in 2-D with PCA and with t-SNE.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.spatial.distance import pdist
from scipy.stats import spearmanr
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = load_digits(return_X_y=True)
X, y = X[:500], y[:500]
emb = {
    "PCA": PCA(n_components=2, random_state=SEED).fit_transform(X),
    "t-SNE": TSNE(n_components=2, perplexity=30, max_iter=750, random_state=SEED).fit_transform(X),
}

# %%
# Local structure: trustworthiness (are the embedding's 10 nearest neighbours also close in
# the original space?) and the accuracy of a 5-NN classifier run on the 2-D coordinates.
# Global structure: Spearman correlation between all pairwise distances before and after.
d_orig = pdist(X)
knn = KNeighborsClassifier(n_neighbors=5)
res = {}
print(f"{'method':<6} {'trustworthiness':>16} {'5-NN acc in 2-D':>16} {'distance corr':>14}")
for name, Z in emb.items():
    res[name] = dict(
        trust=trustworthiness(X, Z, n_neighbors=10),
        knn=cross_val_score(knn, Z, y, cv=5).mean(),
        rho=spearmanr(d_orig, pdist(Z)).statistic,
    )
    r = res[name]
    print(f"{name:<6} {r['trust']:16.3f} {r['knn']:16.3f} {r['rho']:14.3f}")
knn_full = cross_val_score(knn, X, y, cv=5).mean()
print(f"5-NN accuracy on all 64 features: {knn_full:.3f}")
assert res["t-SNE"]["trust"] > res["PCA"]["trust"] + 0.05
assert res["t-SNE"]["knn"] > res["PCA"]["knn"] + 0.25
assert res["PCA"]["knn"] < 0.75 and res["t-SNE"]["knn"] > 0.9
# Global distances: PCA, a linear projection, tracks them better than t-SNE.
assert res["PCA"]["rho"] > res["t-SNE"]["rho"] + 0.05

# %%
# Cluster sizes are not kept. Two Gaussian clusters in 10-D, one with ten times the spread of
# the other. PCA keeps the ratio of their spreads; t-SNE, which adapts its bandwidth to each
# point's local density, draws them at similar sizes.
rng = np.random.default_rng(SEED)
tight = rng.normal(scale=1.0, size=(100, 10))
wide = rng.normal(scale=10.0, size=(100, 10)) + 100.0
X2 = np.vstack([tight, wide])


def spread_ratio(Z):
    return Z[100:].std(axis=0).mean() / Z[:100].std(axis=0).mean()


ratios = {
    "original 10-D": spread_ratio(X2),
    "PCA 2-D": spread_ratio(PCA(n_components=2).fit_transform(X2)),
    "t-SNE 2-D": spread_ratio(TSNE(perplexity=30, max_iter=500, random_state=SEED).fit_transform(X2)),
}
print("\nSpread of the wide cluster / spread of the tight one")
for name, r in ratios.items():
    print(f"  {name:<14} {r:6.1f}")
assert 9 < ratios["original 10-D"] < 11 and 5 < ratios["PCA 2-D"] < 15
assert ratios["t-SNE 2-D"] < 1.5                  # almost the same size

# t-SNE has no transform for new points: it optimises positions for the training points only.
assert hasattr(PCA(), "transform") and not hasattr(TSNE(), "transform")

# %%
# Figure: the two embeddings of the digits, coloured by the true digit.
fig, axes = plt.subplots(
    1, 2, figsize=(9.0, 4.2),
    num="500 handwritten digits embedded in two dimensions: PCA (left) gives overlapping, "
        "smeared groups of digits, while t-SNE (right) gives ten tight, well separated "
        "clusters, one per digit",
)
for ax, (name, Z) in zip(axes, emb.items()):
    sc = ax.scatter(*Z.T, c=y, cmap="tab10", s=8)
    ax.set(title=f"{name} (5-NN accuracy {res[name]['knn']:.2f})", xticks=[], yticks=[])
fig.colorbar(sc, ax=axes, ticks=range(10), label="digit")
plt.show()
