"""A GAN's objective and its training problems, on 1-D and 2-D toys in NumPy.

Checks that the optimal discriminator turns the GAN value into a Jensen-Shannon divergence,
shows that this divergence saturates when the distributions stop overlapping (while the
Wasserstein distance keeps growing), shows that simultaneous gradient steps spiral away from
the equilibrium of a simple two-player game, and trains a tiny GAN three ways: with the
non-saturating loss it learns the data; with the original saturating loss it stalls; with a
discriminator that learns too slowly it collapses to a single point.
"""

# %%
# Optimal discriminator. For fixed generator density p_g, D*(x) = p_data / (p_data + p_g),
# and the value V(D*, G) equals -log 4 + 2 JSD(p_data || p_g). Checked on a grid for
# p_data = N(0, 1) and p_g = N(mu, 1).
import os

import matplotlib.pyplot as plt
import numpy as np
from scipy.special import expit
from scipy.stats import norm

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

x = np.linspace(-15, 25, 40_001)
dx = x[1] - x[0]


def value_and_jsd(mu):
    """V(D*, G) and JSD for N(0, 1) vs N(mu, 1), in log space to avoid 0 * log 0."""
    lp, lq = norm.logpdf(x), norm.logpdf(x, loc=mu)
    lm = np.logaddexp(lp, lq) - np.log(2)                  # log of the mixture (p + q) / 2
    log_d, log_1md = lp - np.logaddexp(lp, lq), lq - np.logaddexp(lp, lq)
    value = np.sum(np.exp(lp) * log_d + np.exp(lq) * log_1md) * dx
    js = 0.5 * np.sum(np.exp(lp) * (lp - lm) + np.exp(lq) * (lq - lm)) * dx
    return value, js


mus = np.array([0.0, 0.5, 1, 2, 4, 6, 8])
jsd = []
print("shift mu   V(D*, G)   -log4 + 2 JSD   JSD / log 2   Wasserstein-1")
for mu in mus:
    value, js = value_and_jsd(mu)
    jsd.append(js)
    # for two Gaussians with equal variance, W1 = |mean shift|
    print(f"{mu:8.1f} {value:10.4f} {-np.log(4) + 2 * js:15.4f} {js / np.log(2):13.3f} {abs(mu):15.1f}")
    assert np.isclose(value, -np.log(4) + 2 * js, atol=1e-6)
jsd = np.array(jsd)
# JSD is capped at log 2 and is nearly flat once the overlap is gone: from mu = 6 to 8 it
# changes by under 1 % of log 2 (almost no gradient), while the Wasserstein distance grows by 2.
assert jsd[-1] / np.log(2) > 0.999 and jsd[-1] - jsd[-2] < 0.01 * np.log(2)

# %%
# Saturation of the original generator loss. With D's logit a on a fake sample, minimising
# log(1 - sigmoid(a)) has gradient -sigmoid(a): tiny when D confidently rejects the fake
# (a << 0). The non-saturating loss -log sigmoid(a) has gradient -(1 - sigmoid(a)) ~ -1.
print("\nD(fake)   d/da log(1 - D)   d/da [-log D]")
for a in (-8.0, -4.0, 0.0):
    print(f"{expit(a):7.4f} {-expit(a):17.5f} {-(1 - expit(a)):15.5f}")
assert expit(-8.0) < 1e-3 < 0.99 < 1 - expit(-8.0)

# %%
# Game dynamics: min_x max_y x*y has its equilibrium at (0, 0). Simultaneous gradient steps
# multiply the distance to it by sqrt(1 + lr^2) every step; alternating steps circle it;
# extragradient (look ahead, then step) converges.
lr, n_steps = 0.1, 300
paths = {}
for method in ("simultaneous", "alternating", "extragradient"):
    px, py = 1.0, 0.0
    path = [(px, py)]
    for _ in range(n_steps):
        if method == "simultaneous":
            px, py = px - lr * py, py + lr * px
        elif method == "alternating":
            px = px - lr * py
            py = py + lr * px
        else:
            hx, hy = px - lr * py, py + lr * px            # look-ahead point
            px, py = px - lr * hy, py + lr * hx
        path.append((px, py))
    paths[method] = np.array(path)
radius = {k: np.hypot(*v[-1]) for k, v in paths.items()}
print("\ndistance from the equilibrium after 300 steps, starting at 1:",
      ", ".join(f"{k} {v:.2f}" for k, v in radius.items()))
assert np.isclose(radius["simultaneous"], (1 + lr**2) ** (n_steps / 2))
assert radius["simultaneous"] > 4 and 0.8 < radius["alternating"] < 1.2 and radius["extragradient"] < 0.3

# %%
# A tiny GAN. Data: N(3, 0.5^2). Generator: x = a z + b with z ~ N(0, 1). Discriminator:
# logistic regression on (1, x, x^2), so it can see both location and spread. One
# discriminator step, then one generator step, with minibatches of 128.


def train_gan(loss, lr_d, lr_g, steps=4000, seed=SEED):
    rng = np.random.default_rng(seed)
    a, b, w = 1.0, -4.0, np.zeros(3)

    def feats(v):
        return np.c_[np.ones_like(v), v, v**2]

    trace = []
    for t in range(steps):
        real, fake = rng.normal(3.0, 0.5, 128), a * rng.normal(size=128) + b
        w += lr_d * (feats(real).T @ (1 - expit(feats(real) @ w))
                     - feats(fake).T @ expit(feats(fake) @ w)) / 128
        z = rng.normal(size=128)
        fake = a * z + b
        d_fake = expit(feats(fake) @ w)
        dlogit_dx = w[1] + 2 * w[2] * fake
        # d(generator loss)/d(logit): -D for log(1 - D), -(1 - D) for -log D
        g = (-d_fake if loss == "saturating" else -(1 - d_fake)) * dlogit_dx
        a, b = a - lr_g * np.mean(g * z), b - lr_g * np.mean(g)
        trace.append((b, abs(a)))
    return np.array(trace)


runs = {
    "non-saturating": train_gan("non-saturating", lr_d=0.2, lr_g=0.02),
    "saturating": train_gan("saturating", lr_d=0.2, lr_g=0.02),
    "non-saturating, slow D": train_gan("non-saturating", lr_d=0.05, lr_g=0.01),
}
print("\ngenerator N(b, a^2), target N(3, 0.5^2), start N(-4, 1)")
print("run                       b @ step 1000   final b   final |a|")
for name, tr in runs.items():
    print(f"{name:<25} {tr[999, 0]:13.2f} {tr[-1, 0]:9.2f} {tr[-1, 1]:11.2f}")
good, sat, slow = runs["non-saturating"], runs["saturating"], runs["non-saturating, slow D"]
assert abs(good[-1, 0] - 3) < 0.15 and abs(good[-1, 1] - 0.5) < 0.1    # learns the data
assert abs(good[999, 0] - 3) < 0.2 and sat[999, 0] < -3.5              # saturating loss stalls
assert abs(slow[-1, 0] - 3) < 0.15 and slow[-1, 1] < 0.05              # collapses to a point
assert sat[-1, 1] < 0.05                                               # and so, later, does this

# %%
# Figure: JSD against Wasserstein distance, the three game dynamics, and GAN training curves.
fig, axes = plt.subplots(
    1, 3, figsize=(11.0, 3.5),
    num="Left, as one Gaussian slides away from another the Jensen-Shannon divergence "
        "flattens out at log 2 while the Wasserstein distance keeps growing linearly; middle, "
        "on the game min over x, max over y of x times y, simultaneous gradient steps spiral "
        "outwards, alternating steps circle and extragradient steps spiral into the "
        "equilibrium; right, the generator's standard deviation during training: the "
        "non-saturating run settles at the target 0.5, the run with a slow discriminator "
        "collapses to zero early, and the saturating run drifts upwards for thousands of "
        "steps before it too collapses to zero.")
grid = np.linspace(0, 8, 81)
js_curve = [value_and_jsd(g)[1] for g in grid]
axes[0].plot(grid, np.array(js_curve) / np.log(2), label="JSD / log 2")
axes[0].plot(grid, grid / 8, "--", label="Wasserstein-1 / 8")
axes[0].set(xlabel="mean shift", title="Divergence vs distance")
axes[0].legend(fontsize=8)
for name, path in paths.items():
    axes[1].plot(*path.T, lw=1, label=name)
axes[1].plot(0, 0, "k*", ms=10)
axes[1].set(xlabel="x (minimiser)", ylabel="y (maximiser)", title="min_x max_y xy",
            xlim=(-6, 6), ylim=(-6, 6))
axes[1].set_aspect("equal")
axes[1].legend(fontsize=7, loc="lower left")
for name, tr in runs.items():
    axes[2].plot(tr[:, 1], lw=1, label=name)
axes[2].axhline(0.5, color="k", ls=":", lw=1)
axes[2].set(xlabel="training step", ylabel="generator std |a|", title="Tiny GAN, target std 0.5")
axes[2].legend(fontsize=7)
fig.tight_layout()
plt.show()
