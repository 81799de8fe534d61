"""Simpson's paradox in counts and in regression, and when not to stratify.

1. The kidney-stone data of Charig et al. (1986): treatment A succeeds more often for small
   and for large stones, yet less often overall, because A was given mostly to large stones.
2. A simulated regression: within every age group, more exercise goes with lower
   cholesterol, but pooled across groups the slope is positive, because age drives both.
3. A simulated mediator: stratifying on a variable that the treatment itself changes hides a
   real effect, so the pooled comparison is the right one there.
4. Non-collapsibility: without any confounding, the pooled odds ratio differs from the common
   odds ratio of the strata, while the risk difference does not.
"""

# %%
# 1. Success counts (successes, patients) by treatment and stone size.
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

data = {"A": {"small": (81, 87), "large": (192, 263)},
        "B": {"small": (234, 270), "large": (55, 80)}}
rate = {t: {s: k / n for s, (k, n) in d.items()} for t, d in data.items()}
total = {t: sum(k for k, _ in d.values()) / sum(n for _, n in d.values()) for t, d in data.items()}
print("treatment   small stones   large stones   all patients")
for t in data:
    print(f"{t:>9} {rate[t]['small']:14.1%} {rate[t]['large']:14.1%} {total[t]:14.1%}")
assert all(rate["A"][s] > rate["B"][s] for s in ("small", "large"))   # A wins in each group
assert total["A"] < total["B"]                                          # ... B wins overall

# Why: A was given mostly to large stones, which fail more often whatever the treatment.
share_large = {t: data[t]["large"][1] / (data[t]["large"][1] + data[t]["small"][1]) for t in data}
print(f"share of large stones: A {share_large['A']:.0%}, B {share_large['B']:.0%}")
assert share_large["A"] > 0.7 > 0.3 > share_large["B"]

# Standardisation: the success rate each treatment would have on the same case mix (all 700
# patients' stone sizes). This is the answer to "which treatment should a new patient get?"
# if stone size is the only confounder.
n_size = {s: data["A"][s][1] + data["B"][s][1] for s in ("small", "large")}
weights = {s: n / sum(n_size.values()) for s, n in n_size.items()}
adjusted = {t: sum(weights[s] * rate[t][s] for s in weights) for t in data}
print(f"standardised to the pooled case mix: A {adjusted['A']:.1%}, B {adjusted['B']:.1%}")
assert adjusted["A"] > adjusted["B"]

# %%
# 2. Continuous version. Age raises both exercise and cholesterol; within an age group,
# exercise lowers cholesterol by 5 units per weekly hour.
rng = np.random.default_rng(SEED)
groups = {"20s": 25, "40s": 45, "60s": 65}
xs, ys, gs = [], [], []
for g, age in groups.items():
    exercise = 2 + (age - 20) / 8 + rng.normal(0, 1.0, 80)
    cholesterol = 150 + 1.5 * age - 5.0 * exercise + rng.normal(0, 3, 80)
    xs.append(exercise)
    ys.append(cholesterol)
    gs += [g] * 80
x, y, g = np.concatenate(xs), np.concatenate(ys), np.array(gs)

pooled_slope = np.polyfit(x, y, 1)[0]
within = {k: np.polyfit(x[g == k], y[g == k], 1)[0] for k in groups}
# One regression with a separate intercept per group ("fixed effects") recovers the
# within-group slope.
design = np.column_stack([x] + [(g == k).astype(float) for k in groups])
adjusted_slope = np.linalg.lstsq(design, y, rcond=None)[0][0]
print(f"\nslope of cholesterol on exercise: pooled {pooled_slope:+.1f}, "
      f"with age-group intercepts {adjusted_slope:+.1f}")
print("within groups: " + ", ".join(f"{k} {v:+.1f}" for k, v in within.items()))
assert pooled_slope > 0 and all(v < 0 for v in within.values())
assert abs(adjusted_slope - (-5.0)) < 0.5                  # within 10 % of the truth

# %%
# 3. When stratifying is wrong. The treatment is randomised; it works by changing a
# mediator M (say, blood pressure), and M changes the outcome. Within levels of M the
# treatment looks useless, but the pooled difference is the true effect, 0.4 x 0.5 = 0.2.
n = 200_000
treated = rng.random(n) < 0.5
mediator = rng.random(n) < 0.3 + 0.4 * treated
outcome = rng.random(n) < 0.2 + 0.5 * mediator
pooled_effect = outcome[treated].mean() - outcome[~treated].mean()
by_mediator = [outcome[treated & (mediator == m)].mean()
               - outcome[~treated & (mediator == m)].mean() for m in (False, True)]
print(f"\nmediator example: pooled effect {pooled_effect:+.3f}; within mediator levels "
      f"{by_mediator[0]:+.3f} and {by_mediator[1]:+.3f}")
assert abs(pooled_effect - 0.2) < 0.01 and max(abs(e) for e in by_mediator) < 0.01

# %%
# 4. A change that is not Simpson's paradox. With the treatment balanced across two strata (no
# confounding) and the same odds ratio, 3, in each, the pooled odds ratio is still closer to 1:
# odds ratios are non-collapsible. Risk differences are collapsible: the pooled one is the
# average of the strata's. Exact probabilities, no sampling.
def odds(p):
    return p / (1 - p)


base = np.array([0.1, 0.6])                          # control risk in the two strata
risk_treated = odds(base) * 3 / (1 + odds(base) * 3)  # odds ratio 3 in each stratum
pooled_or = odds(risk_treated.mean()) / odds(base.mean())
stratum_or, stratum_rd = odds(risk_treated) / odds(base), risk_treated - base
print(f"\nodds ratio: strata {stratum_or[0]:.2f} and {stratum_or[1]:.2f}, pooled {pooled_or:.2f}")
print(f"risk difference: strata {stratum_rd[0]:.3f} and {stratum_rd[1]:.3f}, "
      f"pooled {risk_treated.mean() - base.mean():.3f}")
assert np.allclose(stratum_or, 3) and 1 < pooled_or < 2.5

# %%
# The regression example as a picture.
fig, ax = plt.subplots(
    figsize=(6.4, 3.8),
    num="Cholesterol against weekly exercise for three age groups: inside each group the "
        "fitted line slopes down, but the single line fitted to all points slopes up")
grid = np.linspace(x.min(), x.max(), 2)
for colour, k in zip(["C0", "C1", "C2"], groups):
    sel = g == k
    ax.scatter(x[sel], y[sel], s=10, color=colour, alpha=0.6, label=f"age {k}")
    b1, b0 = np.polyfit(x[sel], y[sel], 1)
    xx = np.linspace(x[sel].min(), x[sel].max(), 2)
    ax.plot(xx, b0 + b1 * xx, color=colour, lw=2)
b1, b0 = np.polyfit(x, y, 1)
ax.plot(grid, b0 + b1 * grid, "k--", lw=1.5, label="all ages pooled")
ax.set_xlabel("exercise (hours per week)")
ax.set_ylabel("cholesterol")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
