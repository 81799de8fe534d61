"""Grid search, random search and Bayesian optimisation on objectives with a known optimum.

1. How many random trials it takes to land in the best 5 % of the search space.
2. Grid against random search when only one of two hyper-parameters matters.
3. A small Bayesian optimiser (Gaussian-process surrogate, expected improvement) against random
   search on the Branin function, a standard two-dimensional test problem, with 25 evaluations.
"""

# %%
# 1. Each random trial lands in the top 5 % of the space with probability 0.05, so n trials all
# miss it with probability 0.95 ** n. From 59 trials on (hence the rule of thumb of 60), they
# find it at least 95 % of the time, in any dimension.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import norm
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import Matern

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

for n in (10, 30, 60, 100):
    print(f"{n:>3} random trials: P(at least one in the top 5 %) = {1 - 0.95 ** n:.3f}")
assert 1 - 0.95 ** 58 < 0.95 < 1 - 0.95 ** 59


# %%
# 2. Nine trials on [0, 1]^2 for an objective that depends strongly on x and barely on y
# (validation loss as a function of, say, learning rate and a nearly irrelevant setting).
# A 3 x 3 grid tries only three values of x; nine random points try nine.
def loss(x, y):
    return (x - 0.63) ** 2 + 0.01 * (y - 0.3) ** 2


levels = np.array([1, 3, 5]) / 6
gx, gy = np.meshgrid(levels, levels)
grid_best = loss(gx, gy).min()
rng = np.random.default_rng(SEED)
random_best = np.array([loss(*rng.random((2, 9))).min() for _ in range(2000)])
share = (random_best < grid_best).mean()
print(f"\nbest loss found with 9 trials (optimum 0): grid {grid_best:.4f}, "
      f"random median {np.median(random_best):.4f}")
print(f"random search beats the grid in {share:.0%} of 2,000 runs")
assert np.median(random_best) < grid_best / 5 and share > 0.85


# %%
# 3. Bayesian optimisation: fit a Gaussian process to the scores so far, then evaluate the point
# with the largest expected improvement over the best value seen. The Branin function has three
# global minima with value 0.397887. Inputs are rescaled to the unit square; the surrogate models
# log(f), which tames the function's range of three orders of magnitude. The kernel's length scale
# is fixed to keep the example fast (a real optimiser would fit it).
def branin(u):
    x1, x2 = 15 * u[:, 0] - 5, 15 * u[:, 1]
    b, c, t = 5.1 / (4 * np.pi ** 2), 5 / np.pi, 1 / (8 * np.pi)
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * np.cos(x1) + 10


def expected_improvement(mu, sd, best):
    z = (best - mu) / sd
    return (best - mu) * norm.cdf(z) + sd * norm.pdf(z)


def bayes_opt(rng, budget=25, n_init=5):
    u = rng.random((n_init, 2))
    f = branin(u)
    gp = GaussianProcessRegressor(Matern(length_scale=0.3, nu=2.5), alpha=1e-6,
                                  normalize_y=True, optimizer=None)
    while len(f) < budget:
        gp.fit(u, np.log(f))
        cand = rng.random((2000, 2))                       # maximise EI over random candidates
        mu, sd = gp.predict(cand, return_std=True)
        nxt = cand[np.argmax(expected_improvement(mu, np.maximum(sd, 1e-9), np.log(f.min())))]
        u, f = np.vstack([u, nxt]), np.append(f, branin(nxt[None]))
    return f


f_star = 0.397887
gap_bo, gap_rs = [], []
for run in range(10):
    r = np.random.default_rng([SEED, run])
    gap_bo.append(bayes_opt(r).min() - f_star)
    gap_rs.append(branin(r.random((25, 2))).min() - f_star)
gap_bo, gap_rs = np.array(gap_bo), np.array(gap_rs)
print(f"\nBranin, 25 evaluations, 10 seeds: gap to the optimum (median)")
print(f"  random search          {np.median(gap_rs):.3f}")
print(f"  Bayesian optimisation  {np.median(gap_bo):.3f}")
assert np.median(gap_bo) < np.median(gap_rs) / 10
assert (gap_bo < gap_rs).mean() >= 0.9

# %%
# Figure: the nine points of a grid and of a random search (bottom), and the loss as a function
# of the important hyper-parameter x with the values each search tried (top).
fig, axes = plt.subplots(
    2, 2, figsize=(7.0, 4.4), sharex=True, sharey="row", height_ratios=[1, 2],
    num="Nine trials of a grid search and of a random search over two hyper-parameters, only "
        "one of which matters; the grid tests three distinct values of the important one, "
        "random search tests nine and lands closer to its optimum",
)
u9 = np.random.default_rng(SEED + 3).random((2, 9))
if SEED == 0:
    assert loss(*u9).min() < grid_best       # the drawn random search beats the grid, as shown
xs = np.linspace(0, 1, 200)
for col, (px, py), title in [(0, (gx.ravel(), gy.ravel()), "grid, 3 x 3"),
                             (1, (u9[0], u9[1]), "random, 9 points")]:
    top, bottom = axes[0, col], axes[1, col]
    top.plot(xs, loss(xs, 0.3), color="tab:red")
    top.scatter(px, loss(px, 0.3), color="tab:blue", zorder=3)
    top.set_title(title)
    bottom.scatter(px, py, color="tab:blue", zorder=3)
    bottom.vlines(px, 0, 1, color="tab:blue", alpha=0.25)
    for ax in (top, bottom):
        ax.axvline(0.63, color="tab:red", linestyle=":", linewidth=1)
    bottom.set(xlim=(0, 1), ylim=(0, 1), xlabel="important hyper-parameter x")
axes[0, 0].set_ylabel("loss")
axes[1, 0].set_ylabel("unimportant\nhyper-parameter y")
fig.tight_layout()
plt.show()
