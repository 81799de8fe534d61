"""Multiple testing: how false positives pile up, and what Bonferroni, Holm and
Benjamini-Hochberg control.

Simulates 1000 one-sided z-tests, 100 of them with a real effect, 500 times over, and
measures the family-wise error rate (any false positive), the false discovery rate (share of
discoveries that are false) and the power of each procedure.
"""

# %%
# Why it is a problem: with m independent true nulls tested at alpha = 0.05, the chance of
# at least one false positive is 1 - 0.95^m.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy import stats

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

alpha = 0.05
for m in (1, 5, 20, 100):
    print(f"m = {m:3d} tests: P(at least one false positive) = {1 - (1 - alpha) ** m:.2f}")
assert abs((1 - 0.95 ** 20) - 0.64) < 0.01

# %%
# The simulation: m = 1000 hypotheses, 100 with a true effect (z ~ N(3, 1)), the rest null.
rng = np.random.default_rng(SEED)
m, m1, n_sims = 1000, 100, 500
is_real = np.zeros(m, dtype=bool)
is_real[:m1] = True
z = rng.normal(size=(n_sims, m)) + 3.0 * is_real
p = stats.norm.sf(z)                                    # one-sided p-values


def bonferroni(p, a):
    return p <= a / p.shape[-1]


def holm(p, a):
    """Step-down: the i-th smallest p-value must be <= a / (m - i + 1); stop at the first miss."""
    n = p.shape[-1]
    order = np.argsort(p, axis=-1)
    sorted_p = np.take_along_axis(p, order, axis=-1)
    ok = sorted_p <= a / (n - np.arange(n))
    n_reject = np.argmin(np.c_[ok, np.zeros(len(p), dtype=bool)], axis=-1)  # first failure
    reject = np.zeros_like(p, dtype=bool)
    np.put_along_axis(reject, order, np.arange(n) < n_reject[:, None], axis=-1)
    return reject


def benjamini_hochberg(p, q):
    """Step-up: find the largest i with p_(i) <= i q / m and reject the i smallest p-values."""
    n = p.shape[-1]
    order = np.argsort(p, axis=-1)
    sorted_p = np.take_along_axis(p, order, axis=-1)
    below = sorted_p <= q * np.arange(1, n + 1) / n
    n_reject = np.where(below.any(axis=-1), n - np.argmax(below[:, ::-1], axis=-1), 0)
    reject = np.zeros_like(p, dtype=bool)
    np.put_along_axis(reject, order, np.arange(n) < n_reject[:, None], axis=-1)
    return reject


# Our BH matches SciPy's adjusted p-values (scipy.stats.false_discovery_control).
assert np.array_equal(benjamini_hochberg(p[:5], 0.05),
                      stats.false_discovery_control(p[:5], axis=-1) <= 0.05)

procedures = {
    "no correction": p <= alpha,
    "Bonferroni": bonferroni(p, alpha),
    "Holm": holm(p, alpha),
    "Benjamini-Hochberg": benjamini_hochberg(p, alpha),
}
print(f"\n{'procedure':<20} {'FWER':>6} {'FDR':>6} {'power':>6} {'discoveries':>11}")
res = {}
for name, reject in procedures.items():
    false_pos = (reject & ~is_real).sum(axis=1)
    true_pos = (reject & is_real).sum(axis=1)
    n_disc = reject.sum(axis=1)
    res[name] = dict(fwer=np.mean(false_pos > 0),
                     fdr=np.mean(false_pos / np.maximum(n_disc, 1)),
                     power=np.mean(true_pos / m1), disc=np.mean(n_disc))
    r = res[name]
    print(f"{name:<20} {r['fwer']:6.2f} {r['fdr']:6.3f} {r['power']:6.2f} {r['disc']:11.1f}")

# %%
# Checks (500 simulations, so allow Monte Carlo error of a couple of points).
none, bonf, holm_r, bh = (res[k] for k in procedures)
assert none["fwer"] > 0.99 and abs(none["fdr"] - 1 / 3) < 0.03  # ~45 false of ~136 per run
assert bonf["fwer"] <= alpha + 0.02 and holm_r["fwer"] <= alpha + 0.02
assert 0.15 < bonf["power"] < 0.25                             # about a fifth of real effects
assert holm_r["power"] >= bonf["power"]                        # Holm is uniformly better
assert bh["fdr"] < alpha                                       # BH: FDR <= q m0 / m = 0.045
assert bh["fwer"] > 0.5                                        # ... but it does not control FWER
assert bh["power"] > 3 * bonf["power"]

# %%
# One run, the classic picture: sorted p-values against rank on log axes, with the BH line
# i q / m and the Bonferroni threshold alpha / m (here q = alpha = 0.05). BH rejects everything
# left of the last point under its line.
run = 0
sp = np.sort(p[run])
ranks = np.arange(1, m + 1)
k_bh = int(benjamini_hochberg(p[run:run + 1], alpha).sum())
k_bonf = int(bonferroni(p[run], alpha).sum())
fig, ax = plt.subplots(
    figsize=(6.4, 3.8),
    num="Sorted p-values of one run against their rank on log axes, with the Bonferroni "
        "threshold as a flat line and the Benjamini-Hochberg line rising with rank; many more "
        "p-values fall under the BH line than under the Bonferroni threshold")
ax.loglog(ranks, sp, ".", ms=3, color="0.3", label="sorted p-values")
ax.loglog(ranks, alpha * ranks / m, color="C0", label=r"BH line $i\,q/m$")
ax.axhline(alpha / m, color="C3", ls="--", label=r"Bonferroni $\alpha/m$")
ax.axvline(k_bh, color="C0", lw=0.8, ls=":")
ax.set_xlabel("rank i")
ax.set_ylabel("p-value")
ax.set_title(f"one run: Bonferroni rejects {k_bonf}, BH rejects {k_bh}", fontsize=10)
ax.legend(fontsize=8)
fig.tight_layout()
assert k_bh > 2 * k_bonf
plt.show()
