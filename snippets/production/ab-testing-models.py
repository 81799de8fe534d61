"""The arithmetic of an online A/B test between two models.

1. Sample size for detecting a 5 % relative lift on a 5 % conversion rate.
2. One simulated test at that size, analysed with a two-proportion z-test.
3. A sample-ratio-mismatch check on the assignment counts.
4. Peeking: A/A tests (no true difference) stopped at the first "significant" interim look.
5. CUPED: a pre-experiment covariate shrinks the variance of the estimated effect.
"""

# %%
# 1. Users per arm for a two-sided test at alpha = 0.05 with 80 % power.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import chisquare, norm

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

alpha, power = 0.05, 0.80
p_a = 0.050
p_b = p_a * 1.05                                  # minimum detectable effect: +5 % relative
z_a, z_b = norm.ppf(1 - alpha / 2), norm.ppf(power)
n_arm = int(np.ceil((z_a + z_b) ** 2 * (p_a * (1 - p_a) + p_b * (1 - p_b)) / (p_b - p_a) ** 2))
print(f"Baseline {p_a:.3f}, target {p_b:.4f}: {n_arm:,} users per arm")
assert 100_000 < n_arm < 150_000

# %%
# 2. Run the test once at that size. The difference, its 95 % interval and the p-value.
rng = np.random.default_rng(SEED)
conv_a = rng.binomial(n_arm, p_a)
conv_b = rng.binomial(n_arm, p_b)


def two_prop_test(x_a, n_a, x_b, n_b):
    ra, rb = x_a / n_a, x_b / n_b
    pooled = (x_a + x_b) / (n_a + n_b)
    z = (rb - ra) / np.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    se = np.sqrt(ra * (1 - ra) / n_a + rb * (1 - rb) / n_b)
    return rb - ra, (rb - ra - z_a * se, rb - ra + z_a * se), 2 * norm.sf(abs(z))


diff, ci, p = two_prop_test(conv_a, n_arm, conv_b, n_arm)
print(f"Observed: A {conv_a / n_arm:.4f}, B {conv_b / n_arm:.4f}, difference {diff:+.4f} "
      f"(95 % CI {ci[0]:+.4f} to {ci[1]:+.4f}), p = {p:.3f}")

# Over many repetitions the test detects the effect about 80 % of the time, by design, and the
# interval covers the true difference about 95 % of the time (one run, as above, may miss).
reps = 4000
xa = rng.binomial(n_arm, p_a, size=reps)
xb = rng.binomial(n_arm, p_b, size=reps)
runs = [two_prop_test(a, n_arm, b, n_arm) for a, b in zip(xa, xb)]
detected = np.mean([r[2] < alpha for r in runs])
covered = np.mean([r[1][0] < p_b - p_a < r[1][1] for r in runs])
print(f"Of {reps} repeated tests: {detected:.3f} with p < 0.05 (planned power 0.80), "
      f"{covered:.3f} with the true difference inside the 95 % interval")
assert abs(detected - power) < 0.03 and abs(covered - 0.95) < 0.015

# %%
# 3. Sample ratio mismatch: a 50 / 50 split that delivered 50,600 vs 49,400 users. A gap of
# 1.2 % looks harmless but is far outside chance; the assignment or logging is broken.
counts = np.array([50_600, 49_400])
srm_p = chisquare(counts).pvalue
print(f"\nSRM check, {counts[0]:,} vs {counts[1]:,}: chi-square p = {srm_p:.1e}")
assert srm_p < 1e-3

# %%
# 4. Peeking. 2000 A/A experiments with 20 equally spaced interim analyses each. Stopping at
# the first look with p < 0.05 declares far more "winners" than the nominal 5 %.
n_exp, n_looks, per_look = 2000, 20, 2000
inc_a = rng.binomial(per_look, p_a, size=(n_exp, n_looks)).cumsum(axis=1)
inc_b = rng.binomial(per_look, p_a, size=(n_exp, n_looks)).cumsum(axis=1)
n_so_far = per_look * np.arange(1, n_looks + 1)
pooled = (inc_a + inc_b) / (2 * n_so_far)
z = (inc_b - inc_a) / n_so_far / np.sqrt(pooled * (1 - pooled) * 2 / n_so_far)
sig = np.abs(z) > z_a
looks_grid = [1, 2, 5, 10, 20]
fpr = {}
for k in looks_grid:
    idx = np.linspace(n_looks / k, n_looks, k).astype(int) - 1     # k evenly spaced looks
    fpr[k] = sig[:, idx].any(axis=1).mean()
print("\nA/A tests: share declaring a significant difference")
for k in looks_grid:
    print(f"  {k:>2} look{'s' if k > 1 else ' '}: {fpr[k]:.3f}")
assert abs(fpr[1] - 0.05) < 0.015
assert fpr[20] > 0.2 and all(fpr[a] <= fpr[b] for a, b in zip(looks_grid, looks_grid[1:]))

# %%
# 5. CUPED on a continuous metric (say, minutes of use). The pre-period value x is correlated
# 0.7 with the in-test value y; subtracting theta * (x - mean x) keeps the effect and removes
# the part of the variance that x predicts, about 1 - 0.7^2 of it remains.
n = 20_000
x = rng.normal(10, 3, size=2 * n)
arm = np.r_[np.zeros(n), np.ones(n)]
y = 10 + 0.7 * (x - 10) + rng.normal(0, 3 * np.sqrt(1 - 0.49), size=2 * n) + 0.1 * arm
theta = np.cov(x, y)[0, 1] / x.var(ddof=1)
y_cuped = y - theta * (x - x.mean())
est = {}
for name, v in [("raw", y), ("CUPED", y_cuped)]:
    d = v[arm == 1].mean() - v[arm == 0].mean()
    se = np.sqrt(v[arm == 1].var(ddof=1) / n + v[arm == 0].var(ddof=1) / n)
    est[name] = (d, se)
ratio = (est["CUPED"][1] / est["raw"][1]) ** 2
print(f"\nCUPED: effect {est['raw'][0]:.3f} +/- {est['raw'][1]:.3f} (raw) vs "
      f"{est['CUPED'][0]:.3f} +/- {est['CUPED'][1]:.3f}; variance ratio {ratio:.2f}")
assert abs(ratio - 0.51) < 0.05
assert abs(est["CUPED"][0] - 0.1) < 3 * est["CUPED"][1]

# %%
# Figure: false-positive rate of A/A tests against the number of interim looks.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Share of A/A tests declared significant against the number of interim looks: about "
        "5 % with a single final analysis, rising steadily to over 20 % when the test is "
        "checked 20 times and stopped at the first p-value below 0.05.")
ax.plot(looks_grid, [fpr[k] for k in looks_grid], "o-", label="stop at first p < 0.05")
ax.axhline(alpha, color="grey", ls="--", label="nominal 5 %")
ax.set(xlabel="number of interim looks", ylabel="false-positive rate", xticks=looks_grid,
       ylim=(0, None))
ax.legend()
fig.tight_layout()
plt.show()
