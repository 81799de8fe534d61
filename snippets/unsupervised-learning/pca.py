"""Principal component analysis three ways, and what its numbers mean.

PCA is computed from the eigenvectors of the covariance matrix and from the SVD of the centred
data, and both are checked against scikit-learn. The snippet then checks that the first component
is the direction of maximum variance, that the reconstruction error equals the sum of the
discarded eigenvalues, how many components the digits need, and what skipping standardisation
does on the wine data.
"""

# %%
# A correlated 3-D Gaussian cloud. Route 1: eigen-decomposition of the sample covariance.
# Route 2: SVD of the centred data matrix, X_c = U S V^T; the rows of V^T are the components
# and S^2 / (n - 1) are the variances along them.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits, load_wine
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
n = 500
cov = np.array([[3.0, 1.8, 0.6], [1.8, 2.0, 0.3], [0.6, 0.3, 0.5]])
X = rng.multivariate_normal([5.0, -2.0, 1.0], cov, size=n)
Xc = X - X.mean(axis=0)

eigvals, eigvecs = np.linalg.eigh(np.cov(Xc, rowvar=False))
order = np.argsort(eigvals)[::-1]
eigvals, eigvecs = eigvals[order], eigvecs[:, order]

U, S, Vt = np.linalg.svd(Xc, full_matrices=False)
pca = PCA().fit(X)

assert np.allclose(S**2 / (n - 1), eigvals)
assert np.allclose(pca.explained_variance_, eigvals)
# Components agree up to sign (an eigenvector times -1 is still an eigenvector).
for v_eig, v_svd, v_sk in zip(eigvecs.T, Vt, pca.components_):
    assert np.isclose(abs(v_eig @ v_svd), 1) and np.isclose(abs(v_svd @ v_sk), 1)
print("variance along each component:", np.round(eigvals, 3))
print("explained variance ratio:     ", np.round(pca.explained_variance_ratio_, 3))

# %%
# The first component maximises the variance of the projection: no random unit direction
# does better, and the best possible value is the top eigenvalue.
directions = rng.normal(size=(10_000, 3))
directions /= np.linalg.norm(directions, axis=1, keepdims=True)
random_var = (Xc @ directions.T).var(axis=0, ddof=1)
print(f"\nvariance along PC1 {eigvals[0]:.3f}; "
      f"best of 10,000 random directions {random_var.max():.3f}")
assert random_var.max() <= eigvals[0] + 1e-9

# %%
# Keeping q components: the projection onto them is the best rank-q approximation, and its
# squared error equals (n - 1) times the sum of the discarded eigenvalues.
for q in (1, 2):
    Z = Xc @ Vt[:q].T                       # scores: coordinates in the new axes
    X_hat = Z @ Vt[:q]                      # back to the original space
    err = np.sum((Xc - X_hat) ** 2)
    print(f"q = {q}: squared reconstruction error {err:8.1f} = (n-1) x discarded variance "
          f"{(n - 1) * eigvals[q:].sum():8.1f}")
    assert np.isclose(err, (n - 1) * eigvals[q:].sum())
# The scores are uncorrelated.
Z = Xc @ Vt.T
assert np.allclose(np.corrcoef(Z, rowvar=False), np.eye(3), atol=1e-10)

# %%
# Handwritten digits (64 pixels): how many components keep 90 % and 95 % of the variance?
digits = load_digits().data
cum = np.cumsum(PCA().fit(digits).explained_variance_ratio_)
k90, k95 = int(np.searchsorted(cum, 0.90)) + 1, int(np.searchsorted(cum, 0.95)) + 1
print(f"\ndigits: {k90} of 64 components keep 90 % of the variance, {k95} keep 95 %")
assert abs(k90 - 64 / 3) <= 1.5 and k95 < 35              # about a third of the 64

# %%
# Scale matters: on the raw wine data, proline (values in the hundreds to over a thousand)
# dominates the variance, so PC1 is essentially "proline". After standardising, PC1 mixes many
# features.
wine = load_wine()
raw = PCA(n_components=2).fit(wine.data)
std = PCA(n_components=2).fit(StandardScaler().fit_transform(wine.data))
i_pro = wine.feature_names.index("proline")
print(f"\nwine, PC1 weight on proline: raw {abs(raw.components_[0, i_pro]):.3f}, "
      f"standardised {abs(std.components_[0, i_pro]):.3f}")
print(f"wine, variance explained by PC1: raw {raw.explained_variance_ratio_[0]:.3f}, "
      f"standardised {std.explained_variance_ratio_[0]:.3f}")
assert abs(raw.components_[0, i_pro]) > 0.99 and raw.explained_variance_ratio_[0] > 0.99
assert abs(std.components_[0, i_pro]) < 0.5 and std.explained_variance_ratio_[0] < 0.5
n_mixed = int(np.sum(np.abs(std.components_[0]) > 0.2))
print(f"standardised PC1: {n_mixed} of 13 features have a weight above 0.2 in absolute value")
assert n_mixed == 9                                       # many features, not one

# %%
# Figure: the principal axes of a 2-D slice of the cloud, and the digits' cumulative
# explained-variance curve.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(9.0, 3.8),
    num="Left, a correlated two-dimensional point cloud with its two principal axes drawn as "
        "arrows scaled by the standard deviation along each, the longer one along the cloud's "
        "long direction; right, cumulative explained variance of the 64-pixel digits rising "
        "steeply and passing 90 percent at around 20 components",
)
X2 = Xc[:, :2]
p2 = PCA().fit(X2)
ax1.scatter(*X2.T, s=5, alpha=0.4)
for var, vec in zip(p2.explained_variance_, p2.components_):
    ax1.annotate("", xy=2 * np.sqrt(var) * vec, xytext=(0, 0),
                 arrowprops=dict(arrowstyle="->", lw=2, color="C3"))
ax1.set(xlabel="$x_1$ (centred)", ylabel="$x_2$ (centred)", title="Principal axes (2 SD)",
        aspect="equal")
ax2.plot(np.arange(1, 65), cum, "-")
ax2.axhline(0.9, color="grey", ls=":")
ax2.axvline(k90, color="grey", ls=":")
ax2.set(xlabel="number of components", ylabel="cumulative explained variance",
        title=f"Digits: {k90} components reach 90 %")
fig.tight_layout()
plt.show()
