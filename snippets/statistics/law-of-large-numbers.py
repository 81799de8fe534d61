"""The law of large numbers by simulation: the sample mean settles on the true mean, how fast,
what it does not promise, and what happens without a finite mean or variance.
"""

# %%
# Helper: running means of R independent sequences, recorded at a few sample sizes. Draws come
# in chunks of 1,000 columns so that 10,000 draws per sequence stay small in memory.
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))

rng = np.random.default_rng(SEED)
R, NS = 2000, [10, 100, 1000, 10_000]


def running_means(draw, rows=R):
    total, out, done = np.zeros(rows), {}, 0
    for _ in range(NS[-1] // 1000):
        chunk = draw((rows, 1000))
        cums = total[:, None] + np.cumsum(chunk, axis=1)
        for n in NS:
            if done < n <= done + 1000:
                out[n] = cums[:, n - done - 1] / n
        total, done = cums[:, -1], done + 1000
    return out


# %%
# 1. Fair die (mean 3.5, sd 1.708). The error of the mean shrinks like sd / sqrt(n). The weak law
# says P(|mean - 3.5| > 0.1) -> 0; Chebyshev's inequality bounds it by var / (n 0.1^2).
die = running_means(lambda s: rng.integers(1, 7, s))
sd, eps = np.sqrt(35 / 12), 0.1
print(f"{'n':>6} {'RMS error':>10} {'sd/sqrt(n)':>11} {'P(|err|>0.1)':>13} {'Chebyshev':>10}")
for n in NS:
    err = np.round(die[n] - 3.5, 9)               # 3.4 - 3.5 must not count as > 0.1
    rms, p_far = np.sqrt(np.mean(err ** 2)), np.mean(np.abs(err) > eps)
    cheb = min(1.0, sd ** 2 / (n * eps ** 2))
    print(f"{n:6d} {rms:10.4f} {sd / np.sqrt(n):11.4f} {p_far:13.3f} {cheb:10.3f}")
    assert abs(rms / (sd / np.sqrt(n)) - 1) < 0.06 and p_far <= cheb
    if n == 10:
        assert abs(p_far - 0.79) < 0.03
    if n == 1000:
        assert cheb > 3 * p_far                        # valid but loose
assert np.mean(np.abs(die[10_000] - 3.5) > eps) == 0
# Test-set size to estimate 90 % accuracy within +-1 point (95 %): 1.96 sqrt(0.09 / n) = 0.01.
n_needed = int(np.ceil(0.9 * 0.1 * (1.96 / 0.01) ** 2))
print(f"test examples for +-1 point at 90 % accuracy: {n_needed:,}")
assert 3400 < n_needed < 3500

# %%
# 2. No "compensation": for a fair coin, the share of heads converges to 1/2, but the gap
# between the number of heads and n/2 grows, like sqrt(n).
coin = running_means(lambda s: rng.random(s) < 0.5)
gap_count = {n: np.mean(np.abs(coin[n] - 0.5) * n) for n in (100, 10_000)}
gap_share = {n: np.mean(np.abs(coin[n] - 0.5)) for n in (100, 10_000)}
print(f"\ncoin: mean |heads - n/2| {gap_count[100]:.1f} at n = 100, {gap_count[10_000]:.1f} at "
      f"n = 10,000; mean |share - 1/2| {gap_share[100]:.4f} and {gap_share[10_000]:.5f}")
assert 8 < gap_count[10_000] / gap_count[100] < 12   # so the share gap shrinks tenfold

# %%
# 3. Heavy tails. Pareto with tail index 1.5 has mean 3 but infinite variance: the law still
# holds, but the typical error shrinks like n^(-1/3), not n^(-1/2). The Cauchy has no mean, and
# its running mean never settles: P(|mean| > 1) stays 1/2 at every n.
par = running_means(lambda s: rng.pareto(1.5, s) + 1.0)
med = {n: np.median(np.abs(par[n] - 3.0)) for n in (100, 10_000)}
rate = np.log(med[10_000] / med[100]) / np.log(100)
cau = running_means(lambda s: rng.standard_cauchy(s))
far = {n: np.mean(np.abs(cau[n]) > 1) for n in NS}
print(f"\nPareto(1.5): median error {med[100]:.3f} at n = 100, {med[10_000]:.3f} at 10,000: "
      f"rate n^{rate:.2f}")
print("Cauchy: P(|mean| > 1) at n = " + ", ".join(f"{n:,}: {far[n]:.3f}" for n in NS))
assert -0.38 < rate < -0.27                    # near -1/3, far from -1/2
assert all(abs(f - 0.5) < 0.04 for f in far.values())

# %%
# Figure: five running means of die rolls and five of Cauchy draws, over 10,000 draws.
fig, axes = plt.subplots(
    1, 2, figsize=(6.4, 3.6),
    num="Running means over 10,000 draws, log-scaled horizontal axis: five die-roll sequences "
        "converge to 3.5, while five Cauchy sequences keep jumping and never settle",
)
steps = np.arange(1, 10_001)
for ax, draws, title, ref in [(axes[0], rng.integers(1, 7, (5, 10_000)), "fair die", 3.5),
                              (axes[1], rng.standard_cauchy((5, 10_000)), "Cauchy", 0.0)]:
    ax.plot(steps, (np.cumsum(draws, axis=1) / steps).T, lw=0.8)
    ax.axhline(ref, color="black", lw=1)
    ax.set(xscale="log", xlabel="n", title=title)
axes[0].set_ylabel("running mean")
axes[1].set_ylim(-10, 10)
fig.tight_layout()
plt.show()
