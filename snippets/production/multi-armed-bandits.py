"""Multi-armed bandits on Bernoulli arms: epsilon-greedy, UCB1 and Thompson sampling.

1. Regret of each policy over 10,000 rounds, averaged over 200 runs: how much reward it loses
   against always playing the best arm, and how that loss grows with time.
2. A fixed-horizon A/B/C test (equal split, then commit to the winner) on the same arms.
3. What the bandit pays for its reward: few samples on the losing arms, so wide intervals, and
   sample means biased downwards by adaptive sampling.
"""

# %%
# Imports, seed, and the arms: three conversion rates, the best 0.12.
import os

import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)
P = np.array([0.08, 0.10, 0.12])
K, T, RUNS = P.size, 10_000, 200
gaps = P.max() - P                      # loss per pull of each arm


def run(policy):
    """Play T rounds in RUNS parallel runs; return pulls per arm over time and final counts."""
    n = np.zeros((RUNS, K))             # pulls per arm
    s = np.zeros((RUNS, K))             # successes per arm
    regret = np.zeros(T)
    rows = np.arange(RUNS)
    for t in range(T):
        if policy == "eps-greedy":      # explore uniformly 10 % of the time
            mean = np.where(n > 0, s / np.maximum(n, 1), 1.0)
            arm = np.where(rng.random(RUNS) < 0.1, rng.integers(0, K, RUNS), mean.argmax(1))
        elif policy == "UCB1":          # optimism: mean + sqrt(2 ln t / n) (Auer et al., 2002)
            if t < K:
                arm = np.full(RUNS, t)
            else:
                arm = (s / n + np.sqrt(2 * np.log(t) / n)).argmax(1)
        else:                           # Thompson: sample each arm's Beta(1+s, 1+f) posterior
            arm = rng.beta(1 + s, 1 + n - s).argmax(1)
        reward = rng.random(RUNS) < P[arm]
        n[rows, arm] += 1
        s[rows, arm] += reward
        regret[t] = gaps[arm].mean()
    return np.cumsum(regret), n, s


# %%
# 1. Cumulative (pseudo-)regret: the sum over rounds of the gap of the arm played.
results = {name: run(name) for name in ("eps-greedy", "UCB1", "Thompson")}
print(f"{'policy':<12}{'regret @1k':>11}{'@5k':>8}{'@10k':>8}{'last 1k':>9}")
last = {}
for name, (cum, n, s) in results.items():
    last[name] = cum[-1] - cum[-1001]
    print(f"{name:<12}{cum[999]:>11.1f}{cum[4999]:>8.1f}{cum[-1]:>8.1f}{last[name]:>9.1f}")
reg = {name: r[0][-1] for name, r in results.items()}
assert reg["Thompson"] < 0.8 * min(reg["UCB1"], reg["eps-greedy"])
assert reg["UCB1"] > reg["eps-greedy"]   # UCB1's bonus is large next to gaps of 0.02
assert last["Thompson"] < 0.5 * last["eps-greedy"]   # epsilon-greedy never stops exploring

# %%
# 2. Fixed-horizon test: 2,000 users per arm (6,000 rounds) split equally, then the remaining
# 4,000 rounds on the arm with the best observed rate.
n_ab = 2000
succ = rng.binomial(n_ab, P, size=(RUNS, K))
winner = succ.argmax(1)
ab_regret = n_ab * gaps.sum() + (T - K * n_ab) * gaps[winner].mean()
print(f"\nA/B/C test, {n_ab} per arm then commit: regret {ab_regret:.1f}, "
      f"picks the best arm in {np.mean(winner == K - 1):.0%} of runs")
assert ab_regret > 2 * reg["Thompson"] and np.mean(winner == K - 1) > 0.9

# %%
# 3. The price of adaptivity for inference, with Thompson sampling: how many users saw the
# worst arm, how wide a 95 % interval for its rate is, and the bias of its sample mean.
_, n_ts, s_ts = results["Thompson"]
pulls_worst = n_ts[:, 0].mean()
half_width = 1.96 * np.sqrt(P[0] * (1 - P[0]) / n_ts[:, 0]).mean()
bias_ts = (s_ts[:, 0] / n_ts[:, 0]).mean() - P[0]
bias_ab = (succ[:, 0] / n_ab).mean() - P[0]
print(f"worst arm (rate {P[0]}): Thompson gave it {pulls_worst:.0f} users on average, "
      f"interval half-width {half_width:.3f}; the test gave it {n_ab}, half-width "
      f"{1.96 * np.sqrt(P[0] * (1 - P[0]) / n_ab):.3f}")
print(f"bias of its sample mean: Thompson {bias_ts:+.4f}, A/B test {bias_ab:+.4f}")
assert pulls_worst < 0.25 * n_ab and half_width > 2 * 1.96 * np.sqrt(P[0] * (1 - P[0]) / n_ab)
assert bias_ts < -0.003 and abs(bias_ab) < 0.002   # adaptive sampling biases means downwards
