"""CLIP in miniature: the symmetric contrastive loss, its gradient, temperature, zero-shot use.

Writes the symmetric InfoNCE loss of CLIP with a learned temperature, derives its gradient and
checks it against central finite differences. Shows what the temperature does to the loss.
Then trains two linear encoders with that loss on synthetic image-caption pairs that share a
latent concept, and classifies held-out images zero-shot by their nearest class prompt, with
and without prompt ensembling, compared with linear probes trained on a few labels per class.
"""

# %%
# The loss. A batch of N pairs: image features X (N x d_i), text features Y (N x d_t), already
# projected to a shared space. Normalise, take all N x N cosine similarities, scale by
# exp(t) = 1 / temperature, and apply cross-entropy in both directions: each image must pick
# its caption among the N captions, and each caption its image. The targets are the diagonal.
import os

import numpy as np
from scipy.special import log_softmax, softmax
from sklearn.linear_model import LogisticRegression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)


def clip_loss(X, Y, t):
    """Symmetric InfoNCE and its gradients with respect to X, Y and t = log(1 / temperature)."""
    nx, ny = np.linalg.norm(X, axis=1, keepdims=True), np.linalg.norm(Y, axis=1, keepdims=True)
    U, V = X / nx, Y / ny
    S = np.exp(t) * U @ V.T                            # logits
    n = len(X)
    loss = -(np.trace(log_softmax(S, axis=1)) + np.trace(log_softmax(S, axis=0))) / (2 * n)
    # dL/dS: softmax over each row minus the target, plus the same over each column.
    G = (softmax(S, axis=1) + softmax(S, axis=0) - 2 * np.eye(n)) / (2 * n)
    dU, dV = np.exp(t) * G @ V, np.exp(t) * G.T @ U
    dt = np.sum(G * S)
    # Back through the normalisation u = x / |x|: du/dx = (I - u u^T) / |x|.
    dX = (dU - U * np.sum(dU * U, axis=1, keepdims=True)) / nx
    dY = (dV - V * np.sum(dV * V, axis=1, keepdims=True)) / ny
    return loss, dX, dY, dt


N, d = 8, 16
X, Y = rng.normal(size=(N, d)), rng.normal(size=(N, d))
Y += 1.5 * X                                           # pairs are related
t0 = np.log(1 / 0.07)                                  # CLIP's initial temperature, 0.07
loss, dX, dY, dt = clip_loss(X, Y, t0)
eps = 1e-6
num = np.zeros_like(X)
for idx in np.ndindex(*X.shape):
    Xp, Xm = X.copy(), X.copy()
    Xp[idx] += eps
    Xm[idx] -= eps
    num[idx] = (clip_loss(Xp, Y, t0)[0] - clip_loss(Xm, Y, t0)[0]) / (2 * eps)
num_y = np.zeros_like(Y)
for idx in np.ndindex(*Y.shape):
    Yp, Ym = Y.copy(), Y.copy()
    Yp[idx] += eps
    Ym[idx] -= eps
    num_y[idx] = (clip_loss(X, Yp, t0)[0] - clip_loss(X, Ym, t0)[0]) / (2 * eps)
num_t = (clip_loss(X, Y, t0 + eps)[0] - clip_loss(X, Y, t0 - eps)[0]) / (2 * eps)
err_x = np.abs(num - dX).max() / np.abs(dX).max()
err_y = np.abs(num_y - dY).max() / np.abs(dY).max()
print(f"loss {loss:.4f} at temperature 0.07; relative gradient error: images {err_x:.1e}, "
      f"captions {err_y:.1e}, temperature {abs(num_t - dt) / abs(dt):.1e}")
assert err_x < 1e-6 and err_y < 1e-6 and abs(num_t - dt) < 1e-6 * abs(dt)
assert np.allclose(clip_loss(X, Y, t0)[0], clip_loss(Y, X, t0)[0])   # symmetric in the roles

# %%
# Temperature. As it grows, all logits shrink to 0 and the loss tends to log N, whatever the
# embeddings. As it shrinks, the loss goes to 0 if every pair ranks its partner first, and
# blows up if even one pair does not. Two sets of unit embeddings: "ranked" (all partners first)
# and "one swap" (the same, with two captions exchanged).
U = rng.normal(size=(N, d))
U /= np.linalg.norm(U, axis=1, keepdims=True)
V_good = U + 0.1 * rng.normal(size=(N, d))
V_swap = V_good[[1, 0] + list(range(2, N))]
print(f"\ntemperature   loss, partners ranked first   loss, two captions swapped"
      f"   (log N = {np.log(N):.3f})")
by_temp = {}
for temp in (0.01, 0.03, 0.07, 0.3, 1.0, 100.0):
    by_temp[temp] = (clip_loss(U, V_good, np.log(1 / temp))[0],
                     clip_loss(U, V_swap, np.log(1 / temp))[0])
    print(f"{temp:11.2f} {abs(by_temp[temp][0]):29.4f} {by_temp[temp][1]:28.4f}")
assert abs(by_temp[100.0][0] - np.log(N)) < 0.01 and abs(by_temp[100.0][1] - np.log(N)) < 0.01
good = [by_temp[tp][0] for tp in sorted(by_temp)]
assert np.all(np.diff(good) >= 0) and good[0] < 1e-3  # colder is better when all are ranked
assert by_temp[0.01][1] > by_temp[0.07][1] > by_temp[0.3][1]   # one mistake: colder is worse ...
assert by_temp[1.0][1] > by_temp[0.3][1]                        # ... so the best is in between

# %%
# A tiny CLIP. Each pair shows one of 10 concepts: a latent z = c_k + variation. The "image"
# is a random linear view of z plus image-only nuisance; the "caption" is another view plus
# text-only nuisance. Two linear encoders (24 -> 16 and 20 -> 16) and the temperature are
# trained with the loss above, by Adam, on 6,000 pairs in batches of 256. No labels are used.
K, dz, d_img, d_txt, d_emb = 10, 8, 24, 20, 16
concepts = rng.normal(0, 1, (K, dz))
A, B = rng.normal(size=(d_img, dz)), rng.normal(size=(d_txt, dz))


def make_pairs(n):
    k = rng.integers(K, size=n)
    z = concepts[k] + 0.6 * rng.normal(size=(n, dz))
    img = z @ A.T + 1.5 * rng.normal(size=(n, d_img))
    txt = z @ B.T + 1.5 * rng.normal(size=(n, d_txt))
    return img, txt, k


img_tr, txt_tr, _ = make_pairs(6_000)
img_te, txt_te, k_te = make_pairs(2_000)
params = {"Wi": 0.1 * rng.normal(size=(d_img, d_emb)),
          "Wt": 0.1 * rng.normal(size=(d_txt, d_emb)), "t": np.array(np.log(1 / 0.07))}
m = {p: np.zeros_like(v) for p, v in params.items()}
v2 = {p: np.zeros_like(v) for p, v in params.items()}
losses = []
for step in range(1, 601):
    idx = rng.choice(len(img_tr), 256, replace=False)
    xi, xt = img_tr[idx], txt_tr[idx]
    loss, dX, dY, dt = clip_loss(xi @ params["Wi"], xt @ params["Wt"], params["t"])
    grads = {"Wi": xi.T @ dX, "Wt": xt.T @ dY, "t": np.array(dt)}
    for p in params:                                   # Adam, learning rate 0.01
        m[p] = 0.9 * m[p] + 0.1 * grads[p]
        v2[p] = 0.999 * v2[p] + 0.001 * grads[p] ** 2
        m_hat, v_hat = m[p] / (1 - 0.9 ** step), v2[p] / (1 - 0.999 ** step)
        params[p] = params[p] - 0.01 * m_hat / (np.sqrt(v_hat) + 1e-8)
    params["t"] = np.minimum(params["t"], np.log(100))  # CLIP clips the logit scale at 100
    losses.append(loss)
print(f"\ntraining loss {np.mean(losses[:20]):.3f} -> {np.mean(losses[-20:]):.3f} "
      f"(log 256 = {np.log(256):.3f}); learned temperature {np.exp(-params['t']):.3f}")
assert np.mean(losses[-20:]) < 0.6 * np.mean(losses[:20]) and np.exp(-params["t"]) < 0.05


def embed(x, W):
    e = x @ W
    return e / np.linalg.norm(e, axis=1, keepdims=True)


# Retrieval on held-out pairs: for each image, is its own caption the nearest of 256?
e_i, e_t = embed(img_te[:256], params["Wi"]), embed(txt_te[:256], params["Wt"])
retrieval = np.mean(np.argmax(e_i @ e_t.T, axis=1) == np.arange(256))
print(f"held-out image -> caption retrieval among 256: top-1 {retrieval:.2f} "
      f"(chance {1 / 256:.3f})")
assert 0.4 < retrieval < 0.6                        # about half

# %%
# Zero-shot classification: embed one "prompt" per class and give each image the class whose
# prompt is nearest. A prompt is the caption of the concept itself, seen through a template
# ("a photo of a ...", "a sketch of a ...") that adds its own offset in text space. Ensembling
# averages the normalised embeddings of 8 templates per class.
E_img = embed(img_te, params["Wi"])
templates = 1.5 * rng.normal(size=(8, d_txt))


def class_prompts(template_ids):
    embs = [embed(concepts @ B.T + templates[j], params["Wt"]) for j in template_ids]
    mean = np.mean(embs, axis=0)
    return mean / np.linalg.norm(mean, axis=1, keepdims=True)


single = [np.mean(np.argmax(E_img @ class_prompts([j]).T, axis=1) == k_te) for j in range(8)]
ensemble = np.mean(np.argmax(E_img @ class_prompts(range(8)).T, axis=1) == k_te)
print(f"zero-shot accuracy ({K} classes, chance 0.10): one template {np.mean(single):.3f} on "
      f"average ({min(single):.3f} to {max(single):.3f}), ensemble of 8 {ensemble:.3f}")
assert min(single) > 0.6 and ensemble > np.mean(single) + 0.01
if SEED == 0:
    assert [round(np.mean(single), 2), round(ensemble, 2)] == [0.86, 0.89]

# Linear probes: logistic regression on the frozen image embeddings with a few labels per class.
probe = {}
for shots in (1, 2, 4, 16, 64):
    accs = []
    for rep in range(10):
        pool = np.concatenate([rng.choice(np.flatnonzero(k_te[1000:] == c) + 1000, shots,
                                          replace=False) for c in range(K)])
        clf = LogisticRegression(C=10.0, max_iter=2000).fit(E_img[pool], k_te[pool])
        accs.append(clf.score(E_img[:1000], k_te[:1000]))
    probe[shots] = np.mean(accs)
zs_eval = np.mean(np.argmax(E_img[:1000] @ class_prompts(range(8)).T, axis=1) == k_te[:1000])
print("labels per class   linear probe accuracy   (zero-shot ensemble on the same images "
      f"{zs_eval:.3f})")
for shots, acc in probe.items():
    print(f"{shots:16d} {acc:23.3f}")
assert probe[4] < zs_eval < probe[64] - 0.005 and abs(zs_eval - probe[16]) < 0.03
assert zs_eval - probe[1] > 0.1                      # one label per class is far worse
