"""Contrastive learning with the InfoNCE loss, in NumPy.

First, InfoNCE as a mutual-information bound: with the best possible critic on correlated
Gaussians, log(N) - loss recovers small mutual information but can never exceed log(N).
Second, a linear encoder trained with InfoNCE (SimCLR-style, cosine similarity / temperature)
on synthetic data with a low-variance "content" signal and high-variance "nuisance" directions:
augmentations that perturb the nuisance teach the encoder the content, which a linear probe then
classifies from a handful of labels, while PCA and an encoder trained with generic noise
augmentations capture the nuisance.
"""

# %%
# InfoNCE bound. x, y in R^d with per-dimension correlation rho, so
# I(x; y) = -d/2 log(1 - rho^2). The optimal critic is f(x, y) = log p(y | x) - log p(y).
# For a batch of N pairs, I_NCE = log N + mean_i [f(x_i, y_i) - logsumexp_j f(x_i, y_j)].
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.special import i0, logsumexp
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)


def infonce_estimate(rho, d, n, n_batches=20):
    vals = []
    for _ in range(n_batches):
        x = rng.normal(size=(n, d))
        y = rho * x + np.sqrt(1 - rho**2) * rng.normal(size=(n, d))
        sq = ((y[None, :, :] - rho * x[:, None, :]) ** 2).sum(-1)      # (i, j): y_j vs x_i
        f = -sq / (2 * (1 - rho**2)) + 0.5 * (y**2).sum(1)[None, :]
        vals.append(np.log(n) + np.mean(np.diag(f) - logsumexp(f, axis=1)))
    return np.mean(vals)


print("true MI (nats)   batch N   log N   InfoNCE estimate")
for rho, d in [(0.8, 2), (0.99, 4)]:
    true_mi = -d / 2 * np.log(1 - rho**2)
    for n in (16, 128, 1024):
        est = infonce_estimate(rho, d, n, n_batches={16: 100, 128: 20, 1024: 4}[n])
        print(f"{true_mi:14.2f} {n:9d} {np.log(n):7.2f} {est:18.2f}")
        assert est <= np.log(n) + 1e-9                      # never above log N
        if true_mi > 1.5:
            assert est < true_mi - 1.0                      # far below when MI > log N
        elif n == 16:
            assert 0.05 < true_mi - est < 0.3               # a small batch is still biased low
        else:
            assert abs(est - true_mi) < 0.08                # accurate when MI << log N

# %%
# Synthetic views. Content c (2-D, four classes at the corners of a diamond, sd 0.35) and
# nuisance u (4-D, sd 3) are written into orthogonal directions of a 20-D input. Most of the
# variance is nuisance, so PCA keeps the nuisance.
D = 20
Q, _ = np.linalg.qr(rng.normal(size=(D, D)))
A, B = Q[:, :2].T, Q[:, 2:6].T                      # content and nuisance directions


def make(n):
    y = rng.integers(0, 4, n)
    c = np.c_[np.cos(y * np.pi / 2), np.sin(y * np.pi / 2)] + 0.35 * rng.normal(size=(n, 2))
    u = 3.0 * rng.normal(size=(n, 4))
    return c @ A + u @ B + 0.1 * rng.normal(size=(n, D)), y


def nuisance_augment(x):          # like crops and colour jitter: change what should not matter
    return x + 2.0 * rng.normal(size=(len(x), 4)) @ B + 0.1 * rng.normal(size=x.shape)


def generic_augment(x):           # isotropic noise: says nothing about what matters
    return x + 0.5 * rng.normal(size=x.shape)


X_tr, y_tr = make(3000)
X_te, y_te = make(2000)

# %%
# The encoder: h = normalise(W x), W of shape 2 x 20. Loss: symmetric InfoNCE over a batch of
# 256 pairs of augmented views; similarity = cosine / temperature 0.2. Gradients by hand,
# including the step through the normalisation; Adam updates.


def encode(X, W):
    Z = X @ W.T
    return Z / np.linalg.norm(Z, axis=1, keepdims=True), Z


def softmax_rows(S):
    P = np.exp(S - S.max(axis=1, keepdims=True))
    return P / P.sum(axis=1, keepdims=True)


def train_contrastive(augment, steps=400, tau=0.2, batch=256):
    W = rng.normal(0, 0.2, (2, D))
    m1, m2 = np.zeros_like(W), np.zeros_like(W)
    for t in range(1, steps + 1):
        xb = X_tr[rng.choice(len(X_tr), batch, replace=False)]
        v1, v2 = augment(xb), augment(xb)
        (h1, z1), (h2, z2) = encode(v1, W), encode(v2, W)
        S = h1 @ h2.T / tau                          # row i: view 1 of i against all views 2
        P1, P2 = softmax_rows(S), softmax_rows(S.T)
        eye = np.eye(batch)
        G = ((P1 - eye) + (P2 - eye).T) / (2 * batch * tau)      # d loss / d S
        dh1, dh2 = G @ h2, G.T @ h1

        def through_norm(dh, h, z):
            return (dh - h * (h * dh).sum(1, keepdims=True)) / np.linalg.norm(z, axis=1, keepdims=True)

        grad = through_norm(dh1, h1, z1).T @ v1 + through_norm(dh2, h2, z2).T @ v2
        m1 = 0.9 * m1 + 0.1 * grad
        m2 = 0.999 * m2 + 0.001 * grad**2
        W = W - 0.01 * (m1 / (1 - 0.9**t)) / (np.sqrt(m2 / (1 - 0.999**t)) + 1e-8)
    return W


W_good = train_contrastive(nuisance_augment)
W_generic = train_contrastive(generic_augment)


def content_share(W):
    """Fraction of the encoder's weight in the content directions."""
    return np.linalg.norm(W @ A.T) ** 2 / np.linalg.norm(W) ** 2


# Alignment (mean distance between views of one input) and uniformity (log mean Gaussian
# potential between different inputs), the two properties Wang and Isola (2020) identified.
h_a, _ = encode(nuisance_augment(X_te), W_good)
h_b, _ = encode(nuisance_augment(X_te), W_good)
align = np.mean(np.sum((h_a - h_b) ** 2, axis=1))
pair = rng.choice(len(X_te), size=(3000, 2))
uniform = np.log(np.mean(np.exp(-2 * np.sum((h_a[pair[:, 0]] - h_a[pair[:, 1]]) ** 2, axis=1))))
print(f"\ncontent share of the encoder: nuisance augmentations {content_share(W_good):.2f}, "
      f"generic noise {content_share(W_generic):.3f}")
# For points spread uniformly on the unit circle, E exp(-2 |u - v|^2) = exp(-4) I0(4).
uniform_circle = np.log(np.exp(-4) * i0(4))
print(f"alignment {align:.3f} (0 = identical views), uniformity {uniform:.2f} "
      f"(uniform on the circle: {uniform_circle:.2f}, all points equal: 0)")
assert content_share(W_good) > 0.7 and content_share(W_generic) < 0.05
assert align < 0.1 and abs(uniform - uniform_circle) < 0.2

# %%
# Linear probes with k labels per class, averaged over 3 draws of the labelled examples.
pca = PCA(n_components=2).fit(X_tr)
features = {
    "contrastive (nuisance aug.)": (encode(X_tr, W_good)[0], encode(X_te, W_good)[0]),
    "contrastive (generic noise)": (encode(X_tr, W_generic)[0], encode(X_te, W_generic)[0]),
    "PCA, 2 components": (pca.transform(X_tr), pca.transform(X_te)),
    "raw 20-D input": (X_tr, X_te),
}
print("\nlinear-probe test accuracy (4 classes, chance 0.25)")
print(f"{'features':<30}" + "".join(f"{k:>8} / class" for k in (5, 250)))
acc = {}
for name, (F_tr, F_te) in features.items():
    row = []
    for k in (5, 250):
        scores = []
        for rep in range(3):
            r = np.random.default_rng((SEED, rep))
            idx = np.concatenate([r.choice(np.flatnonzero(y_tr == c), k, replace=False)
                                  for c in range(4)])
            clf = LogisticRegression(max_iter=3000).fit(F_tr[idx], y_tr[idx])
            scores.append(clf.score(F_te, y_te))
        row.append(np.mean(scores))
    acc[name] = row
    print(f"{name:<30}" + "".join(f"{a:>16.3f}" for a in row))
assert acc["contrastive (nuisance aug.)"][0] > 0.9
assert acc["contrastive (nuisance aug.)"][0] > acc["raw 20-D input"][0] + 0.2
assert max(acc["PCA, 2 components"] + acc["contrastive (generic noise)"]) < 0.3
assert acc["raw 20-D input"][1] > 0.9           # with many labels the raw input catches up

# %%
# Figure: the two 2-D representations of the test set, coloured by the hidden class.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(9.0, 4.0),
    num="Left, 2-D contrastive embeddings of the test set lie on the unit circle in four "
        "arcs, one per hidden class, with little overlap; right, the first two principal components of the "
        "same data mix the four classes completely, because they capture the high-variance "
        "nuisance directions.")
emb = encode(X_te, W_good)[0] + 0.03 * rng.normal(size=(len(X_te), 2))   # jitter for display
ax1.scatter(*emb.T, c=y_te, cmap="tab10", vmin=0, vmax=9, s=5)
ax1.set(title="Contrastive encoder (nuisance augmentations)", aspect="equal")
ax2.scatter(*pca.transform(X_te).T, c=y_te, cmap="tab10", vmin=0, vmax=9, s=5)
ax2.set(title="PCA, first two components")
fig.tight_layout()
plt.show()
