"""The singular value decomposition: what it is, the best low-rank approximation, PCA,
least squares, denoising and randomized SVD, checked numerically."""

# %%
# Any real matrix A (m x n) factors as U diag(s) V^T with orthonormal columns in U and V and
# non-negative singular values s in decreasing order. The s^2 are the eigenvalues of A^T A.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.utils.extmath import randomized_svd

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
A = rng.normal(size=(8, 5))
U, s, Vt = np.linalg.svd(A, full_matrices=False)
assert np.allclose(U @ np.diag(s) @ Vt, A)
assert np.allclose(U.T @ U, np.eye(5)) and np.allclose(Vt @ Vt.T, np.eye(5))
assert np.all(np.diff(s) <= 0) and np.all(s >= 0)
assert np.allclose(np.sort(np.linalg.eigvalsh(A.T @ A))[::-1], s**2)
print("singular values of a random 8 x 5 matrix:", np.round(s, 3))

# %%
# Eckart-Young: keeping the top k terms gives the best rank-k approximation. Its Frobenius
# error is sqrt(sum of the dropped s^2) and its spectral-norm error is s[k]; no other rank-k
# matrix does better (here: 2,000 random rank-2 competitors fitted by least squares).
k = 2
A_k = U[:, :k] @ np.diag(s[:k]) @ Vt[:k]
assert np.isclose(np.linalg.norm(A - A_k), np.sqrt(np.sum(s[k:] ** 2)))
assert np.isclose(np.linalg.norm(A - A_k, 2), s[k])
best_random = np.inf
for _ in range(2000):
    Q, _ = np.linalg.qr(rng.normal(size=(8, k)))        # a random k-dim column space
    best_random = min(best_random, np.linalg.norm(A - Q @ (Q.T @ A)))
print(f"rank-{k} error: truncated SVD {np.linalg.norm(A - A_k):.3f}, "
      f"best of 2,000 random rank-{k} fits {best_random:.3f}")
assert np.linalg.norm(A - A_k) <= best_random

# %%
# PCA is the SVD of the centred data: right singular vectors = principal axes,
# s^2 / (n - 1) = explained variances, U * s = scores. Without centring (TruncatedSVD), the
# first axis points towards the mean of the data instead of along its spread.
X = rng.multivariate_normal([5.0, -5.0, 20.0], [[3, 2, 0], [2, 3, 0], [0, 0, 0.5]], size=400)
Xc = X - X.mean(axis=0)
Uc, sc, Vtc = np.linalg.svd(Xc, full_matrices=False)
pca = PCA(n_components=3).fit(X)
assert np.allclose(sc**2 / (len(X) - 1), pca.explained_variance_)
assert np.allclose(np.abs(np.sum(Vtc * pca.components_, axis=1)), 1)     # same axes up to sign
assert np.allclose(np.abs(Uc * sc), np.abs(pca.transform(X)))            # same scores up to sign
uncentred = TruncatedSVD(n_components=1, random_state=SEED).fit(X).components_[0]
mean_dir = X.mean(axis=0) / np.linalg.norm(X.mean(axis=0))
print(f"\nfirst axis   |cos| with mean direction   |cos| with PC1")
print(f"uncentred    {abs(uncentred @ mean_dir):25.3f} {abs(uncentred @ pca.components_[0]):16.3f}")
print(f"PCA          {abs(pca.components_[0] @ mean_dir):25.3f} {1.0:16.3f}")
assert abs(uncentred @ mean_dir) > 0.99 and abs(uncentred @ pca.components_[0]) < 0.1

# %%
# Least squares and conditioning: the pseudo-inverse V diag(1/s) U^T solves least squares;
# the condition number s_max / s_min measures how much noise the solution amplifies.
# Dropping tiny singular values (truncated SVD) stabilises a near-collinear problem.
n = 60
z = rng.normal(size=n)
F = np.c_[z, z + 1e-4 * rng.normal(size=n), rng.normal(size=n)]   # two near-copies
w_true = np.array([1.0, 1.0, -2.0])
y = F @ w_true + 0.1 * rng.normal(size=n)
Uf, sf, Vtf = np.linalg.svd(F, full_matrices=False)
w_pinv = Vtf.T @ ((Uf.T @ y) / sf)
assert np.allclose(w_pinv, np.linalg.lstsq(F, y, rcond=None)[0])
keep = sf > 1e-2 * sf[0]
w_trunc = Vtf[keep].T @ ((Uf[:, keep].T @ y) / sf[keep])
print(f"\ncondition number {sf[0] / sf[-1]:.0f}")
print(f"least-squares weights  {np.round(w_pinv, 2)}")
print(f"truncated-SVD weights  {np.round(w_trunc, 2)}  (true {w_true})")
assert sf[0] / sf[-1] > 1e3
assert np.abs(w_pinv[:2]).max() > 3                  # wild, offsetting weights on the copies
assert np.allclose(w_trunc, w_true, atol=0.1)

# %%
# Denoising and randomized SVD: a 300 x 200 matrix of rank 5 plus noise. The spectrum drops
# after 5 values; truncating there removes most of the noise. Randomized SVD finds the same
# leading singular values at a fraction of the cost on large matrices.
L = rng.normal(size=(300, 5)) @ rng.normal(size=(5, 200))
noisy = L + 1.0 * rng.normal(size=L.shape)
Un, sn, Vtn = np.linalg.svd(noisy, full_matrices=False)
ranks = np.arange(1, 31)
errors = [np.linalg.norm(Un[:, :r] * sn[:r] @ Vtn[:r] - L) / np.linalg.norm(L) for r in ranks]
noise_err = np.linalg.norm(noisy - L) / np.linalg.norm(L)
best_rank = int(ranks[np.argmin(errors)])
print(f"\nrelative error vs the clean matrix: noisy {noise_err:.3f}, "
      f"rank-5 truncation {errors[4]:.3f}; best rank {best_rank}")
assert best_rank == 5 and errors[4] < noise_err / 3
assert sn[4] > 3 * sn[5]                              # the visible gap in the spectrum
_, s_rand, _ = randomized_svd(noisy, n_components=5, random_state=SEED)
assert np.allclose(s_rand, sn[:5], rtol=1e-3)

# %%
# Figure: the singular values of the noisy matrix and the reconstruction error by rank.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(9.0, 3.6),
    num="Left, the singular values of a noisy rank-5 matrix: five large values, then a sharp "
        "drop to a flat floor of noise values; right, the error of the truncated SVD against "
        "the clean matrix, lowest at rank 5 and rising slowly as noise directions are added",
)
ax1.semilogy(np.arange(1, 31), sn[:30], "o-", ms=4)
ax1.axvline(5.5, color="grey", ls=":")
ax1.set(xlabel="index", ylabel="singular value (log scale)", title="Spectrum")
ax2.plot(ranks, errors, "o-", ms=4, label="truncated SVD")
ax2.axhline(noise_err, color="C3", ls="--", label="noisy matrix itself")
ax2.set(xlabel="rank kept", ylabel="relative error vs clean matrix", title="Denoising")
ax2.legend(fontsize=8)
fig.tight_layout()
plt.show()
