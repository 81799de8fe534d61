"""Gaussian mixture models fitted by expectation-maximisation.

EM is written in NumPy and checked to raise the log-likelihood at every iteration and to reach
scikit-learn's solution. The snippet then compares a full-covariance mixture with k-means on
elongated clusters, selects the number of components by BIC, and shows why the likelihood has no
maximum without a floor on the variances.
"""

# %%
# Data: three 2-D Gaussian clusters, two of them long and tilted, with unequal weights.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.special import logsumexp
from scipy.stats import multivariate_normal, norm
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score
from sklearn.mixture import GaussianMixture

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
means = np.array([[0.0, 0.0], [5.0, 2.0], [-4.0, 4.0]])
covs = np.array([[[4.0, 3.0], [3.0, 2.6]], [[0.4, 0.0], [0.0, 0.4]], [[0.3, -0.5], [-0.5, 2.5]]])
sizes = [300, 120, 180]
X = np.vstack([rng.multivariate_normal(m, c, size=s) for m, c, s in zip(means, covs, sizes)])
y = np.repeat([0, 1, 2], sizes)

# %%
# EM. E-step: responsibilities r_ik = P(component k | x_i) under the current parameters.
# M-step: weighted frequencies, means and covariances with those responsibilities as weights.


def log_joint(X, w, mu, S):
    """log(pi_k N(x_i | mu_k, S_k)) for every point and component, shape (n, K)."""
    return np.column_stack([np.log(w[k]) + multivariate_normal(mu[k], S[k]).logpdf(X)
                            for k in range(len(w))])


def em(X, K, rng, n_iter=200, tol=1e-8, floor=1e-6):
    n, d = X.shape
    mu = X[rng.choice(n, K, replace=False)]
    S = np.array([np.cov(X, rowvar=False)] * K)
    w = np.full(K, 1.0 / K)
    history = []
    for _ in range(n_iter):
        lj = log_joint(X, w, mu, S)
        ll = logsumexp(lj, axis=1)                  # log p(x_i)
        history.append(ll.sum())
        r = np.exp(lj - ll[:, None])                # E-step
        Nk = r.sum(axis=0)                          # M-step
        w = Nk / n
        mu = (r.T @ X) / Nk[:, None]
        S = np.array([((r[:, k, None] * (X - mu[k])).T @ (X - mu[k])) / Nk[k]
                      + floor * np.eye(d) for k in range(K)])
        if len(history) > 1 and history[-1] - history[-2] < tol:
            break
    return w, mu, S, r, np.array(history)


# EM finds a local maximum, so run it from 5 random starts and keep the best run, as
# scikit-learn's n_init does.
runs = [em(X, 3, rng) for _ in range(5)]
w, mu, S, resp, history = max(runs, key=lambda run: run[-1][-1])
sk = GaussianMixture(n_components=3, covariance_type="full", n_init=5, random_state=SEED).fit(X)
ll_sk = sk.score(X) * len(X)                        # score() is the mean log-likelihood
print(f"EM, best of 5 starts: {len(history)} iterations, "
      f"log-likelihood {history[0]:.1f} -> {history[-1]:.1f}")
print(f"scikit-learn GaussianMixture log-likelihood:    {ll_sk:.1f}")
finals = sorted(run[-1][-1] for run in runs)
print("final log-likelihood of each start:", " ".join(f"{v:.1f}" for v in finals))
if SEED == 0:                                       # in this draw one start is stuck
    assert finals[-1] - finals[0] > 100
assert all(np.all(np.diff(run[-1]) >= -1e-6) for run in runs)   # EM never lowers the likelihood
assert abs(history[-1] - ll_sk) < 1.0
print("mixing weights (EM):", np.round(np.sort(w), 3), " true:",
      np.round(np.sort(np.array(sizes) / sum(sizes)), 3))
assert np.allclose(np.sort(w), np.sort(np.array(sizes) / sum(sizes)), atol=0.03)

# %%
# Soft versus hard: points between clusters get split responsibilities; k-means, which assumes
# round clusters of equal size, cuts the long cluster wrongly.
ambiguous = np.mean(resp.max(axis=1) < 0.9)
ari_gmm = adjusted_rand_score(y, resp.argmax(axis=1))
ari_km = adjusted_rand_score(y, KMeans(n_clusters=3, n_init=10, random_state=SEED).fit_predict(X))
print(f"\npoints with no responsibility above 0.9: {ambiguous:.1%}")
print(f"adjusted Rand index vs truth: GMM {ari_gmm:.3f}, k-means {ari_km:.3f}")
assert 0 < ambiguous < 0.08
assert ari_gmm > 0.9 and ari_gmm > ari_km + 0.1

# %%
# Choosing K and the covariance type with BIC = -2 log L + (free parameters) log n.
print("\n K     BIC full   BIC diag  BIC spherical")
bic = {}
for K in range(1, 7):
    row = []
    for ct in ("full", "diag", "spherical"):
        gm = GaussianMixture(K, covariance_type=ct, n_init=3, random_state=SEED).fit(X)
        bic[(K, ct)] = gm.bic(X)
        row.append(bic[(K, ct)])
    print(f"{K:2d} " + " ".join(f"{b:10.1f}" for b in row))
best = min(bic, key=bic.get)
print(f"lowest BIC: K = {best[0]}, covariance_type = '{best[1]}'")
assert best == (3, "full")

# %%
# The likelihood is unbounded: centre one component on a single data point and shrink its
# standard deviation; that point's density, and the total log-likelihood, grow without limit.
x1 = rng.normal(size=50)
print("\n  sigma of the collapsing component   log-likelihood")
lls = []
for sigma in (1e-4, 1e-8, 1e-16, 1e-32, 1e-64):
    dens = 0.5 * norm(0, 1).pdf(x1) + 0.5 * norm(x1[0], sigma).pdf(x1)
    lls.append(np.log(dens).sum())
    print(f"  {sigma:32.0e}   {lls[-1]:14.1f}")
assert np.all(np.diff(lls) > 0) and lls[-1] > 0   # and it keeps rising as sigma -> 0

# %%
# Figure: the data coloured by the mixture's most likely component, with each component's
# 2-standard-deviation ellipse, next to BIC against K.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(9.6, 4.0),
    num="Left, three clusters of points, one long and tilted, coloured by the Gaussian mixture's "
        "most likely component with an ellipse around each component; right, BIC against the "
        "number of components for full, diagonal and spherical covariances, lowest at three "
        "components with full covariances",
)
ax1.scatter(*X.T, c=resp.argmax(axis=1), cmap="tab10", vmax=9, s=6, alpha=0.7)
t = np.linspace(0, 2 * np.pi, 100)
for k in range(3):
    vals, vecs = np.linalg.eigh(S[k])
    ellipse = (vecs * 2 * np.sqrt(vals)) @ np.array([np.cos(t), np.sin(t)])
    ax1.plot(mu[k, 0] + ellipse[0], mu[k, 1] + ellipse[1], "k-", lw=1.2)
ax1.set(xlabel="$x_1$", ylabel="$x_2$", title="GMM (full covariances), EM fit", aspect="equal")
for ct in ("full", "diag", "spherical"):
    ax2.plot(range(1, 7), [bic[(K, ct)] for K in range(1, 7)], "o-", label=ct)
ax2.set(xlabel="number of components K", ylabel="BIC (lower is better)", title="Model selection")
ax2.legend(fontsize=8)
fig.tight_layout()
plt.show()
