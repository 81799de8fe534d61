"""What correlation measures, and four ways to get correlation without causation (or the reverse).

Pearson versus Spearman and a dependence that both miss; a common cause (confounder) and what
an intervention reveals; selection on a common effect (collider); and two unrelated trending
series.
"""

# %%
# Pearson measures linear association; Spearman (Pearson on ranks) measures monotone
# association and resists outliers. Neither sees a symmetric non-monotone dependence such as
# y = x^2, which mutual information does detect.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy import stats
from sklearn.feature_selection import mutual_info_regression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
n = 20_000
x = rng.normal(size=n)
y_mono = np.exp(x)                                     # monotone, not linear
y_sq = x**2 + rng.normal(0, 0.1, n)                    # fully dependent, not monotone
r_mono, rho_mono = stats.pearsonr(x, y_mono)[0], stats.spearmanr(x, y_mono)[0]
r_sq, rho_sq = stats.pearsonr(x, y_sq)[0], stats.spearmanr(x, y_sq)[0]
mi_sq = mutual_info_regression(x[:, None], y_sq, random_state=SEED)[0]
mi_ind = mutual_info_regression(x[:, None], rng.normal(size=n), random_state=SEED)[0]
print(f"{'relation':<22} {'Pearson':>8} {'Spearman':>9}")
print(f"{'y = exp(x)':<22} {r_mono:8.2f} {rho_mono:9.2f}")
print(f"{'y = x^2 + noise':<22} {r_sq:8.2f} {rho_sq:9.2f}   mutual information {mi_sq:.2f}"
      f" (independent noise: {mi_ind:.2f})")
assert rho_mono > 0.999 and r_mono < 0.85
assert abs(r_sq) < 0.1 and abs(rho_sq) < 0.1 and mi_sq > 0.5 > 10 * mi_ind

# One extreme point (say, a data-entry error) can create a strong Pearson correlation in
# unrelated data.
a, b = rng.normal(size=500), rng.normal(size=500)
a_out, b_out = np.r_[a, 40.0], np.r_[b, 40.0]
print(f"500 unrelated points + 1 outlier: Pearson {stats.pearsonr(a_out, b_out)[0]:.2f}, "
      f"Spearman {stats.spearmanr(a_out, b_out)[0]:.2f}")
assert stats.pearsonr(a_out, b_out)[0] > 0.6 and abs(stats.spearmanr(a_out, b_out)[0]) < 0.2

# %%
# Confounding: hot weather (z) raises both ice-cream sales (x) and swimming accidents (y); x has
# no effect on y. The observational correlation is strong. Setting x at random, an
# intervention as in a randomised experiment, shows no effect, and so does adjusting for z
# (the partial correlation: correlate what is left of x and y after regressing each on z).
z = rng.normal(size=n)
x_obs = 0.9 * z + rng.normal(0, 0.5, n)
y_obs = 0.9 * z + rng.normal(0, 0.5, n)               # y does not depend on x
x_do = rng.normal(0, x_obs.std(), n)                   # do(x): x assigned at random
y_do = 0.9 * z + rng.normal(0, 0.5, n)


def residual(v, on):
    slope, intercept = np.polyfit(on, v, 1)
    return v - (slope * on + intercept)


r_obs = stats.pearsonr(x_obs, y_obs)[0]
r_do = stats.pearsonr(x_do, y_do)[0]
r_partial = stats.pearsonr(residual(x_obs, z), residual(y_obs, z))[0]
print(f"\nconfounder: observational r = {r_obs:.2f}, randomised x r = {r_do:.2f}, "
      f"partial r given z = {r_partial:.2f}")
assert r_obs > 0.6 and abs(r_do) < 0.1 and abs(r_partial) < 0.1

# %%
# Collider (selection) bias: talent and looks are independent in the population, but if only
# people with talent + looks above a threshold become famous, the two are negatively correlated
# among the famous. Conditioning on a common effect creates correlation.
talent, looks = rng.normal(size=(2, 20_000))
famous = talent + looks > 1.5
r_all = stats.pearsonr(talent, looks)[0]
r_famous = stats.pearsonr(talent[famous], looks[famous])[0]
print(f"collider: r in the population {r_all:.2f}, among the selected {r_famous:.2f} "
      f"({famous.mean():.0%} selected)")
assert abs(r_all) < 0.03 and r_famous < -0.4

# %%
# Trends: two independent random walks (think two unrelated quantities that both drift over
# time) often show large correlations, while their independent increments do not.
walks = rng.normal(size=(2, 1000, 200)).cumsum(axis=2)
r_walk = np.array([np.corrcoef(walks[0, i], walks[1, i])[0, 1] for i in range(1000)])
steps = np.diff(walks, axis=2)
r_step = np.array([np.corrcoef(steps[0, i], steps[1, i])[0, 1] for i in range(1000)])
print(f"independent random walks (200 steps): |r| > 0.5 in {np.mean(np.abs(r_walk) > 0.5):.0%} "
      f"of 1000 pairs; for their differences: {np.mean(np.abs(r_step) > 0.5):.0%}")
assert np.mean(np.abs(r_walk) > 0.5) > 0.2 and np.mean(np.abs(r_step) > 0.5) == 0

fig, axes = plt.subplots(
    2, 2, figsize=(7.2, 5.6),
    num="Four scatter plots: y equals x squared with correlation near zero; a confounded pair "
        "that correlates strongly, coloured by the common cause; two independent traits that "
        "become negatively correlated among a selected group; and a typical pair of independent "
        "random walks that appear related",
)
ax = axes[0, 0]
ax.scatter(x[:500], y_sq[:500], s=4)
ax.set(title=f"y = x² + noise: Pearson {r_sq:.2f}", xlabel="x", ylabel="y")
ax = axes[0, 1]
ax.scatter(x_obs[:500], y_obs[:500], c=z[:500], s=4, cmap="coolwarm")
ax.set(title=f"common cause z (colour): r = {r_obs:.2f}", xlabel="ice-cream sales",
       ylabel="accidents")
ax = axes[1, 0]
ax.scatter(talent[~famous][:800], looks[~famous][:800], s=3, color="lightgrey")
ax.scatter(talent[famous][:400], looks[famous][:400], s=3, color="tab:red")
ax.set(title=f"selected (red): r = {r_famous:.2f}", xlabel="talent", ylabel="looks")
ax = axes[1, 1]
i = int(np.argmin(np.abs(np.abs(r_walk) - np.median(np.abs(r_walk)))))   # a typical pair
ax.plot(walks[0, i], label="walk A")
ax.plot(walks[1, i], label="walk B")
ax.set(title=f"two independent walks: r = {r_walk[i]:.2f}", xlabel="time")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
