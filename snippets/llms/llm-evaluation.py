"""Evaluating an LLM: pass@k, a position-biased judge, Bradley-Terry ratings and error bars.

Compares the unbiased pass@k estimator of Chen et al. (2021) with the naive plug-in estimate,
exactly, by summing over the binomial distribution of the number of correct samples. Simulates
an LLM judge that favours whichever answer it reads first, and shows what swapping the order
does. Fits a Bradley-Terry model to simulated pairwise battles, contrasts it with online Elo, and
puts bootstrap error bars on the ratings. Finally, computes a bootstrap interval for a win rate,
the number of comparisons needed to detect a given difference, and the gain from pairing.
"""

# %%
# pass@k is the chance that at least one of k samples passes the unit tests. Draw n >= k samples
# per problem, count the c correct ones and estimate 1 - C(n-c, k) / C(n, k) (Chen et al., 2021).
# The plug-in 1 - (1 - c/n)^k looks natural but is biased low. The expectations below are exact:
# sums over c ~ Binomial(n, p), no simulation.
import os
from math import comb

import numpy as np
from scipy.special import expit
from scipy.stats import binom, norm

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)


def pass_at_k(n, c, k):
    """Unbiased estimator of pass@k from n samples with c correct (stable product form)."""
    if n - c < k:
        return 1.0
    return 1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1))


def plug_in_pass_at_k(n, c, k):
    """Naive estimate: treat c / n as the per-sample success rate, draws with replacement."""
    return 1.0 - (1.0 - c / n) ** k


n = 20
cs = np.arange(n + 1)
for k in (1, 5, 10):   # the product form equals the binomial-coefficient form for every c
    assert all(np.isclose(pass_at_k(n, c, k), 1 - comb(n - c, k) / comb(n, k)) for c in cs)

print(f"n = {n} samples per problem")
print("   p    k   true pass@k   E[unbiased]   E[plug-in]   plug-in bias")
bias = {}
for p in (0.05, 0.2, 0.5):
    w = binom.pmf(cs, n, p)
    for k in (1, 5, 10):
        truth = 1 - (1 - p) ** k
        e_unbiased = w @ np.array([pass_at_k(n, c, k) for c in cs])
        e_plug_in = w @ np.array([plug_in_pass_at_k(n, c, k) for c in cs])
        bias[p, k] = e_plug_in - truth
        print(f"{p:5.2f} {k:4d} {truth:12.4f} {e_unbiased:13.4f} {e_plug_in:12.4f} "
              f"{bias[p, k]:+13.4f}")
        assert abs(e_unbiased - truth) < 1e-12          # unbiased for every p and k
        if k > 1:
            assert bias[p, k] < -0.004                  # the plug-in is biased low
assert round(bias[0.05, 10], 3) == -0.065               # 6.5 points at p = 0.05, k = 10

# A benchmark of 164 problems with mixed difficulty, 20 samples each, evaluated 2,000 times:
# the unbiased estimate averages to the true pass@10, the plug-in stays below it.
p_problem = rng.beta(0.4, 0.8, 164)
true_bench = np.mean(1 - (1 - p_problem) ** 10)
runs = rng.binomial(n, p_problem, size=(2_000, 164))
table = np.array([pass_at_k(n, c, 10) for c in cs])  # estimator value for c = 0..n
est_unb = table[runs].mean(axis=1)
est_plug = plug_in_pass_at_k(n, runs, 10).mean(axis=1)
se_mean = est_unb.std() / np.sqrt(len(est_unb))
print(f"\nbenchmark pass@10: truth {true_bench:.4f}, mean unbiased {est_unb.mean():.4f}, "
      f"mean plug-in {est_plug.mean():.4f}, sd of one run {est_unb.std():.4f}")
assert abs(est_unb.mean() - true_bench) < 4 * se_mean
assert 0.015 < true_bench - est_plug.mean() < 0.035       # about two points low

# %%
# LLM-as-a-judge with position bias. On each of 4,000 prompts the judge (decoding greedily, so
# deterministic) forms a preference score s = d + e for A over B: d is A's true margin (A better
# on average), e the judge's own idiosyncrasy, logistic, so an unbiased judge prefers A with
# probability sigmoid(d). The biased judge adds b = 1 to whichever answer it reads first: given
# two equally good answers, it picks the first 73 % of the time.
m, b = 4_000, 1.0
d = rng.normal(0.3, 1.0, m)
score = d + rng.logistic(size=m)
unbiased = score > 0                                    # what an unbiased judge would say
a_first, a_second = score + b > 0, score - b > 0        # A shown first, A shown second
both_orders = (a_first.mean() + a_second.mean()) / 2
flip_rate = np.mean(a_first != a_second)
exp_first, exp_second = expit(d + b).mean(), expit(d - b).mean()
print(f"\nwin rate of A over {m} prompts    expected   observed")
print(f"  unbiased judge                  {expit(d).mean():8.3f}   {unbiased.mean():8.3f}")
print(f"  A always shown first            {exp_first:8.3f}   {a_first.mean():8.3f}")
print(f"  A always shown second           {exp_second:8.3f}   {a_second.mean():8.3f}")
print(f"  both orders, averaged           {(exp_first + exp_second) / 2:8.3f}   {both_orders:8.3f}")
print(f"the verdict flips when the order is swapped on {flip_rate:.0%} of prompts")
assert abs(a_first.mean() - 0.75) < 0.03 and abs(a_second.mean() - 0.36) < 0.03
assert a_second.mean() < 0.5 < unbiased.mean()          # the order alone flips the verdict
assert abs(both_orders - unbiased.mean()) < 0.03        # swapping removes most of the bias ...
assert 0.5 < (exp_first + exp_second) / 2 < expit(d).mean()  # ... leaving a shrink towards 0.5
assert 0.33 < flip_rate < 0.45

# %%
# Bradley-Terry: P(i beats j) = sigmoid(theta_i - theta_j). Six models, 3,000 battles between
# random pairs. Maximum likelihood by Newton's method, model 0 pinned at 0 (only differences are
# identified). Reported on the Elo scale: 400 / ln(10) points per logit, anchored at 1000.
ELO = 400 / np.log(10)
theta = np.array([0.0, 0.25, 0.5, 0.75, 1.0, 1.25])
n_models, n_battles = len(theta), 3_000
i, j = rng.integers(n_models, size=(2, 4 * n_battles))
keep = np.flatnonzero(i != j)[:n_battles]
i, j = i[keep], j[keep]
y = (rng.random(n_battles) < expit(theta[i] - theta[j])).astype(float)


def fit_bt(X, y):
    """Newton's method on the Bradley-Terry log-likelihood, theta_0 fixed at 0.

    Row t of X has +1 in the column of the first model of battle t and -1 in the second's."""
    t = np.zeros(X.shape[1])
    for _ in range(20):
        q = expit(X @ t)
        hess = X.T @ (X * (q * (1 - q))[:, None])
        step = np.linalg.solve(hess, X.T @ (y - q))
        t += step
        if np.abs(step).max() < 1e-10:
            break
    return np.r_[0.0, t], np.linalg.inv(hess)


X = np.zeros((n_battles, n_models))
X[np.arange(n_battles), i] += 1
X[np.arange(n_battles), j] -= 1
X = X[:, 1:]                                            # model 0 is the reference
theta_hat, cov = fit_bt(X, y)
se_fisher = np.r_[0.0, np.sqrt(np.diag(cov))]
boot = np.array([fit_bt(X[s], y[s])[0]
                 for s in rng.integers(n_battles, size=(300, n_battles))])
lo, hi = np.percentile(boot, [2.5, 97.5], axis=0)
se_boot = boot.std(axis=0)


def online_elo(order, k_factor=4.0):
    """Classic Elo: after each battle move both ratings by K * (result - expected)."""
    r = np.full(n_models, 1000.0)
    for t in order:
        e = 1 / (1 + 10 ** ((r[j[t]] - r[i[t]]) / 400))
        r[i[t]] += k_factor * (y[t] - e)
        r[j[t]] -= k_factor * (y[t] - e)
    return r - r[0] + 1000


elo_runs = np.array([online_elo(rng.permutation(n_battles)) for _ in range(20)])
print("\nmodel   true Elo   Bradley-Terry Elo [95 % bootstrap CI]   online Elo over 20 orders")
for k in range(n_models):
    print(f"{k:5d} {1000 + ELO * theta[k]:9.0f} {1000 + ELO * theta_hat[k]:11.0f} "
          f"[{1000 + ELO * lo[k]:5.0f}, {1000 + ELO * hi[k]:5.0f}]"
          f"          {elo_runs[:, k].min():6.0f} to {elo_runs[:, k].max():5.0f}")
ratio = se_boot[1:] / se_fisher[1:]
print(f"bootstrap / Fisher standard errors: {np.round(ratio, 2)}")
assert np.all(np.diff(theta_hat) > 0)                   # the ranking is recovered
assert np.max(np.abs(theta_hat - theta) / se_fisher.clip(1e-9)) < 4
assert np.all((ratio > 0.8) & (ratio < 1.25))           # the two error bars agree
print(f"largest spread of one model's online Elo across the 20 orders: "
      f"{np.ptp(elo_runs, axis=0).max():.0f} points")
assert np.ptp(elo_runs, axis=0).max() > 40              # online Elo depends on the order
assert round(ELO) == 174                                # Elo points per logit
if SEED == 0:
    assert round(np.ptp(elo_runs, axis=0).max()) == 88

# %%
# Error bars on a win rate. Model B truly wins 55 % of its comparisons with A (ties dropped).
# With 300 comparisons the bootstrap 95 % interval is about +-0.056 wide, as wide as the effect.
# Comparisons needed to detect a true rate w at two-sided alpha = 0.05 with 80 % power:
# n = ((z_0.975 * 0.5 + z_0.8 * sqrt(w (1 - w))) / (w - 0.5))^2; checked by simulation.
wins = rng.random(300) < 0.55
boot_rates = wins[rng.integers(300, size=(4_000, 300))].mean(axis=1)
ci = np.percentile(boot_rates, [2.5, 97.5])
print(f"\n300 comparisons: win rate {wins.mean():.3f}, "
      f"95 % bootstrap CI [{ci[0]:.3f}, {ci[1]:.3f}]")
assert 0.05 < (ci[1] - ci[0]) / 2 < 0.062                 # about +-0.056
power_300 = norm.sf((norm.ppf(0.975) * 0.5 - 0.05 * np.sqrt(300)) / np.sqrt(0.55 * 0.45))
print(f"chance that 300 comparisons show a significant difference: {power_300:.2f}")
assert round(power_300, 2) == 0.41


def n_needed(w, alpha=0.05, power=0.8):
    za, zb = norm.ppf(1 - alpha / 2), norm.ppf(power)
    return int(np.ceil(((za * 0.5 + zb * np.sqrt(w * (1 - w))) / (w - 0.5)) ** 2))


print("true win rate   comparisons for 80 % power   simulated power")
needed = {}
for w in (0.52, 0.55, 0.60, 0.65):
    needed[w] = n_needed(w)
    sims = rng.binomial(needed[w], w, size=4_000) / needed[w]
    power = np.mean(np.abs(sims - 0.5) > norm.ppf(0.975) * 0.5 / np.sqrt(needed[w]))
    print(f"{w:13.2f} {needed[w]:28d} {power:17.3f}")
    assert abs(power - 0.8) < 0.04
assert needed[0.55] == 783
assert 5.5 < needed[0.52] / needed[0.55] < 6.6           # 2.5 times smaller gap, ~6 times the data

# A benchmark of 164 problems (the size of HumanEval) scored at 50 %: the standard error of the
# accuracy is sqrt(0.25 / 164), about 3.9 points, so the 95 % interval spans about +-7.7 points.
acc = rng.binomial(164, 0.5, size=20_000) / 164
print(f"\n164 problems at 50 %: sd of the accuracy over re-drawn problem sets {acc.std():.4f} "
      f"(formula {np.sqrt(0.25 / 164):.4f})")
assert abs(acc.std() - 0.039) < 0.002
se_500 = np.sqrt(0.7 * 0.3 / 500)                       # 500 questions at 70 %: about 2 points
print(f"500 questions at 70 %: standard error {se_500:.4f}")
assert abs(se_500 - 0.02) < 0.001

# %%
# Pairing. Two models answer the same 500 questions; question difficulty is shared, so their
# errors are correlated. The standard error of the accuracy difference computed per question
# (paired) is much smaller than the one that treats the two runs as independent samples.
hard = rng.normal(0, 3.0, 500)
x_a = rng.random(500) < expit(0.6 + hard)
x_b = rng.random(500) < expit(0.8 + hard)
se_unpaired = np.sqrt(x_a.var(ddof=1) / 500 + x_b.var(ddof=1) / 500)
se_paired = (x_b.astype(float) - x_a).std(ddof=1) / np.sqrt(500)
print(f"\naccuracy A {x_a.mean():.3f}, B {x_b.mean():.3f}: standard error of the difference "
      f"{se_unpaired:.4f} unpaired, {se_paired:.4f} paired")
assert 0.6 < se_paired / se_unpaired < 0.75              # about a third smaller
