"""Transfer learning on a synthetic problem whose two tasks share hidden structure.

Inputs are 50 noisy measurements of four latent variables. Two "source" networks are trained
on plenty of labels: one for a task built on the same latent variables as the target task
(related), one for a task that shares only one of them (partly related). The "target" task has
few labels and a non-linear rule. We compare a linear model, a network trained from scratch, a
linear probe on each source network's frozen features, and fine-tuning each source network.
"""

# %%
# Data. Latent z has 4 dimensions; x = z A + noise in 50 dimensions. The related source task
# labels the angle of (z1, z2) in 8 sectors; the partly related one does the same for (z1, z3).
# The target asks whether (z1, z2) lies outside the median circle: no linear rule in x does it.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
D = 50
A = rng.normal(size=(4, D))


def sample(n):
    z = rng.normal(size=(n, 4))
    return z @ A + rng.normal(size=(n, D)), z


def sector(u, v, k=8):
    return np.floor((np.arctan2(v, u) + np.pi) / (2 * np.pi) * k).astype(int) % k


X_src, Z_src = sample(2000)
X_tgt, Z_tgt = sample(3000)
y_tgt = (np.hypot(Z_tgt[:, 0], Z_tgt[:, 1]) > np.sqrt(2 * np.log(2))).astype(int)
pool, test = np.arange(1000), np.arange(1000, 3000)     # labelled pool and test set
assert abs(y_tgt.mean() - 0.5) < 0.05                   # median radius: balanced classes

# %%
# Pretraining: one hidden layer of 64 ReLUs on 2,000 source labels. We keep the hidden layer
# (the "body") and throw away the 8-way output layer (the "head").
bodies = {}
for name, y_src in [("related", sector(Z_src[:, 0], Z_src[:, 1])),
                    ("partial", sector(Z_src[:, 0], Z_src[:, 2]))]:
    net = MLPClassifier(hidden_layer_sizes=(64,), alpha=1e-2, early_stopping=True,
                        max_iter=500, random_state=SEED)
    net.fit(X_src, y_src)
    bodies[name] = (net.coefs_[0], net.intercepts_[0])

# %%
# Target models. A small NumPy trainer (full-batch Adam, log loss, weight decay) fine-tunes a
# body with a new 1-unit head, or trains the same network from a random start.


def features(X, body):
    return np.maximum(X @ body[0] + body[1], 0)


def train_net(X, y, W1, b1, w2, b2, steps=200, lr=0.01, body_lr=None):
    params = [W1.copy(), b1.copy(), w2.copy(), np.array(b2, dtype=float)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    for t in range(1, steps + 1):
        W1, b1, w2, b2 = params
        H = np.maximum(X @ W1 + b1, 0)
        p = 1 / (1 + np.exp(-(H @ w2 + b2)))
        g = (p - y) / len(y)                               # d loss / d logit
        gH = np.outer(g, w2) * (H > 0)
        grads = [X.T @ gH + 1e-3 * W1, gH.sum(0), H.T @ g + 1e-3 * w2, g.sum()]
        for i, gr in enumerate(grads):
            m[i] = 0.9 * m[i] + 0.1 * gr
            v[i] = 0.999 * v[i] + 0.001 * gr**2
            step = lr if body_lr is None or i >= 2 else body_lr    # body: W1, b1
            params[i] = params[i] - step * (m[i] / (1 - 0.9**t)) / (np.sqrt(v[i] / (1 - 0.999**t)) + 1e-8)
    W1, b1, w2, b2 = params
    return lambda X_new: (np.maximum(X_new @ W1 + b1, 0) @ w2 + b2 > 0).astype(int)


def probe(X_tr, y_tr, body):
    return LogisticRegression(max_iter=2000).fit(features(X_tr, body), y_tr)


sizes = (20, 50, 200, 1000)
methods = ["linear", "scratch", "probe rel", "FT rel", "probe part", "FT part"]
acc = {m_: [] for m_ in methods}
for n in sizes:
    scores = {m_: [] for m_ in methods}
    for rep in range(5):
        idx = np.random.default_rng((SEED, rep)).choice(pool, n, replace=False)
        Xtr, ytr, Xte, yte = X_tgt[idx], y_tgt[idx], X_tgt[test], y_tgt[test]
        raw = LogisticRegression(max_iter=2000).fit(Xtr, ytr)
        scores["linear"].append(raw.score(Xte, yte))
        for name, short in (("related", "rel"), ("partial", "part")):
            lp = probe(Xtr, ytr, bodies[name])
            scores[f"probe {short}"].append(lp.score(features(Xte, bodies[name]), yte))
            # Fine-tune: start from the body and the probe's head ("linear probe, then
            # fine-tune"); the body gets a smaller learning rate than the head.
            ft = train_net(Xtr, ytr, *bodies[name], lp.coef_[0], lp.intercept_[0],
                           lr=0.003, body_lr=0.001)
            scores[f"FT {short}"].append((ft(Xte) == yte).mean())
        r = np.random.default_rng((SEED, 100 + rep))
        scratch = train_net(Xtr, ytr, r.normal(0, np.sqrt(2 / D), (D, 64)), np.zeros(64),
                            r.normal(0, 0.1, 64), 0.0)
        scores["scratch"].append((scratch(Xte) == yte).mean())
    for m_ in methods:
        acc[m_].append(np.mean(scores[m_]))

print("mean test accuracy (rel = related source, part = partly related, FT = fine-tuned)")
print("labels " + "".join(f"{m_:>11}" for m_ in methods))
for i, n in enumerate(sizes):
    print(f"{n:6d} " + "".join(f"{acc[m_][i]:11.3f}" for m_ in methods))
acc = {k: np.array(v) for k, v in acc.items()}

# %%
# What the table shows, as checks.
assert (acc["linear"] < 0.56).all()                               # no linear rule in x
assert (acc["probe rel"][:2] > acc["scratch"][:2] + 0.1).all()    # few labels: transfer wins
assert acc["probe rel"][0] > 0.75 and abs(acc["scratch"][0] - 0.6) < 0.05
assert (acc["probe rel"] > acc["probe part"]).all()               # closer source, better features
assert acc["probe rel"][-1] > acc["FT rel"][-1] - 0.01            # good features: probe is enough
assert acc["FT rel"][0] < acc["probe rel"][0] - 0.03              # 20 labels: fine-tuning overfits
assert (acc["FT part"][-2:] > acc["probe part"][-2:] + 0.03).all()  # imperfect features: fine-tune
gap = acc["probe rel"] - acc["scratch"]
assert gap[-1] < gap[0] / 3                                       # scratch catches up with data

# %%
# Figure: test accuracy against the number of target labels.
fig, ax = plt.subplots(
    figsize=(6.4, 3.8),
    num="Test accuracy against the number of labelled target examples: a linear probe on "
        "features from the related source network leads by a wide margin with 20 or 50 labels; "
        "fine-tuning helps the partly related network once there are hundreds of labels; the "
        "network trained from scratch closes most of the gap by 1,000 labels; a linear model "
        "on the raw inputs stays at chance.")
for m_, style in zip(methods, ["k:", "C3-o", "C0-o", "C0--^", "C1-s", "C1--v"]):
    ax.plot(sizes, acc[m_], style, label=m_)
ax.set(xscale="log", xlabel="labelled target examples", ylabel="test accuracy",
       title="Transfer helps most when target labels are scarce")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
