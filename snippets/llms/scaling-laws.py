"""Compute-optimal model size and data from the Chinchilla parametric loss.

The program minimises L(N, D) = E + A / N^alpha + B / D^beta under the budget C = 6 N D, in
closed form and numerically, with the fitted values published by Hoffmann et al. (2022) and
with the refit of Besiroglu et al. (2024). It compares the optimum with Chinchilla's own
70B-parameter, 1.4T-token run, contrasts the growth rates of Kaplan et al. (2020), and prices
over-training a smaller model to the same loss against the inference it saves.
"""

# %%
# The fitted law. Loss in nats per token on the authors' data; N parameters, D tokens.
# Published (rounded) values, Hoffmann et al. (2022), arXiv 2203.15556: E = 1.69,
# A = 406.4, B = 410.7, alpha = 0.34, beta = 0.28. Refit of the same data by
# Besiroglu et al. (2024), arXiv 2404.10102: E = 1.82, A = 482.01, B = 2085.43,
# alpha = 0.3478, beta = 0.3658.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import brentq, minimize_scalar

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # no randomness here; kept for the seed sweep

FITS = {"Hoffmann et al. 2022": dict(E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28),
        "Besiroglu et al. 2024": dict(E=1.82, A=482.01, B=2085.43, alpha=0.3478, beta=0.3658)}
law = FITS["Hoffmann et al. 2022"]


def loss(N, D, E, A, B, alpha, beta):
    return E + A / N**alpha + B / D**beta


# %%
# Closed form. Put D = C / (6 N), set dL/dN = 0:
#   N_opt = G (C/6)^(beta/(alpha+beta)),  D_opt = (C/6)^(alpha/(alpha+beta)) / G,
#   G = (alpha A / (beta B))^(1/(alpha+beta)).
def optimum(C, E, A, B, alpha, beta):
    G = (alpha * A / (beta * B)) ** (1 / (alpha + beta))
    N = G * (C / 6) ** (beta / (alpha + beta))
    return N, C / (6 * N)


def optimum_numeric(C, **fit):
    res = minimize_scalar(lambda logN: loss(np.exp(logN), C / (6 * np.exp(logN)), **fit),
                          bounds=(np.log(1e6), np.log(1e14)), method="bounded",
                          options={"xatol": 1e-10})
    return np.exp(res.x)


C_chinchilla = 6 * 70e9 * 1.4e12                 # Chinchilla's budget, 5.88e23 FLOPs
print("compute (FLOPs)   N_opt      D_opt      tokens/param   loss   (Hoffmann et al. fit)")
ratios = []
for C in (1e21, 1e22, 1e23, C_chinchilla, 1e24, 1e25):
    N, D = optimum(C, **law)
    assert abs(optimum_numeric(C, **law) / N - 1) < 1e-6            # closed form = numeric search
    ratios.append(D / N)
    print(f"{C:15.2e} {N:9.3g} {D:10.3g} {D / N:12.0f} {loss(N, D, **law):8.3f}")
exponent_N = law["beta"] / (law["alpha"] + law["beta"])
print(f"N_opt and D_opt grow as C^{exponent_N:.3f} and C^{1 - exponent_N:.3f}")
assert all(a < b for a, b in zip(ratios, ratios[1:]))              # tokens/param grow with C
assert round(ratios[0]) == 50 and round(ratios[-1]) == 122 and round(exponent_N, 3) == 0.452

# %%
# Chinchilla itself: 70B parameters on 1.4T tokens (20 tokens per parameter), chosen from
# the paper's first two estimation approaches. The published rounded fit puts the optimum
# at a smaller model on more data; the refit agrees with the 70B choice. Both say the loss
# valley is flat: a factor of two in N costs little.
print(f"\nat C = {C_chinchilla:.2e} FLOPs     N_opt     D_opt   tokens/param   "
      "loss gap of 70B/1.4T   N range within 0.01 nats")
summary = {}
for name, fit in FITS.items():
    N, D = optimum(C_chinchilla, **fit)
    L_opt = loss(N, D, **fit)
    gap = loss(70e9, 1.4e12, **fit) - L_opt
    within = [brentq(lambda n: loss(n, C_chinchilla / (6 * n), **fit) - L_opt - 0.01, lo, hi)
              for lo, hi in ((1e8, N), (N, 1e14))]
    summary[name] = (N, D, gap, within)
    print(f"{name:<26} {N / 1e9:7.1f}B {D / 1e12:7.2f}T {D / N:10.1f} {gap:20.4f}"
          f"      {within[0] / 1e9:.0f}B - {within[1] / 1e9:.0f}B")
N_h, D_h, gap_h, within_h = summary["Hoffmann et al. 2022"]
N_b, D_b, gap_b, within_b = summary["Besiroglu et al. 2024"]
assert round(N_h / 1e9, 1) == 32.5 and round(D_h / 1e12, 1) == 3.0 and round(D_h / N_h) == 93
assert round(gap_h, 3) == 0.007
assert round(N_b / 1e9) == 73 and round(D_b / 1e12, 2) == 1.34 and round(D_b / N_b) == 18
assert gap_b < 1e-3
exponent_N_b = FITS["Besiroglu et al. 2024"]["beta"] / (FITS["Besiroglu et al. 2024"]["alpha"]
                                                     + FITS["Besiroglu et al. 2024"]["beta"])
print(f"refit: N_opt and D_opt grow as C^{exponent_N_b:.2f} and C^{1 - exponent_N_b:.2f}")
assert round(exponent_N_b, 2) == 0.51 and round(1 - exponent_N_b, 2) == 0.49
for N, _, _, (low, high) in summary.values():                  # flat: x2.4 either way < 0.01
    assert low < N / 2.4 and high > 2.4 * N

# %%
# Kaplan et al. (2020) found N_opt ~ C^0.73 and D_opt ~ C^0.27 (their compute-efficient
# frontier); Chinchilla's approaches gave exponents near 0.5 for both. Scale the budget by
# 10x and 100x from the same starting point:
for name, a in (("Kaplan et al. 2020", 0.73), ("Chinchilla fit", exponent_N)):
    print(f"{name:<20} " + ",  ".join(f"{k}x compute: model x{k**a:5.1f}, data x{k**(1 - a):5.1f}"
                                      for k in (10, 100)))
assert 28 < 100**0.73 < 29 and 3.4 < 100**0.27 < 3.5 and 7.9 < 100**exponent_N < 8.1
assert 5.3 < 10**0.73 < 5.4 and 1.8 < 10**0.27 < 1.9
assert 2.8 < 10**exponent_N < 2.85 and 3.5 < 10**(1 - exponent_N) < 3.55

# %%
# Over-training. Fix the target: the loss of the compute-optimal model at 1e23 FLOPs. A
# smaller model can reach the same loss with more tokens; it costs more to train and less to
# run (about 2 N FLOPs per generated token against 6 N per training token).
N0, D0 = optimum(1e23, **law)
target = loss(N0, D0, **law)


def tokens_needed(N, E, A, B, alpha, beta):
    return (B / (target - E - A / N**alpha)) ** (1 / beta)


print(f"\ntarget loss {target:.3f}: compute-optimal N = {N0 / 1e9:.1f}B on {D0 / 1e12:.2f}T tokens")
print("model size   tokens    tokens/param   training compute   break-even inference tokens")
over = {}
for shrink in (1.0, 0.75, 0.5, 0.35):
    N = shrink * N0
    D = tokens_needed(N, **law)
    extra = 6 * N * D - 6 * N0 * D0
    saved_per_token = 2 * (N0 - N)
    breakeven = extra / saved_per_token if shrink < 1 else float("nan")
    over[shrink] = (D, 6 * N * D / (6 * N0 * D0), breakeven)
    print(f"{N / 1e9:8.1f}B {D / 1e12:8.2f}T {D / N:12.0f} {6 * N * D / (6 * N0 * D0):15.2f}x"
          f" {breakeven:24.2e}")
assert np.isclose(over[1.0][0], D0)                                 # consistency of the solve
assert round(over[0.5][1], 2) == 1.21 and round(over[0.35][1], 2) == 1.66
assert round(over[0.5][2] / 1e12, 1) == 1.4                         # pays off after ~1.4T tokens served
assert round(over[0.35][0] / (0.35 * N0), -1) == 1060
N_floor = (law["A"] / (target - law["E"])) ** (1 / law["alpha"])
print(f"no amount of data reaches the target below N = {N_floor / 1e9:.1f}B")
assert N_floor < 0.35 * N0 and round(N_floor / 1e9, 1) == 1.4

# Published runs: GPT-3 (Brown et al., 2020), 175B parameters on 300B tokens; far past 20
# tokens per parameter, Llama 2 7B (Touvron et al., 2023) on 2T tokens and Llama 3 8B
# (Llama Team, 2024) on about 15T tokens.
for name, N, D in (("GPT-3 175B", 175e9, 300e9), ("Llama 2 7B", 6.74e9, 2e12), ("Llama 3 8B", 8.0e9, 15e12)):
    print(f"{name}: {D / N:,.1f} tokens per parameter")
assert 1.7 < 300 / 175 < 1.8 and 290 < 2e12 / 6.74e9 < 300 and 1800 < 15e12 / 8e9 < 1900

# %%
# IsoFLOP curves: loss against model size at fixed compute, with the optimum marked.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Loss predicted by the Chinchilla fit against model size, one U-shaped curve per "
        "compute budget from 1e21 to 1e25 FLOPs; the minimum of each curve, marked, moves "
        "to larger models as compute grows, and each valley is wide and flat.")
sizes = np.logspace(8, 12.5, 300)
for C in (1e21, 1e22, 1e23, 1e24, 1e25):
    ax.plot(sizes, loss(sizes, C / (6 * sizes), **law), label=f"{C:.0e} FLOPs")
    N, D = optimum(C, **law)
    ax.plot(N, loss(N, D, **law), "k.", ms=8)
ax.set_xscale("log")
ax.set_ylim(1.8, 3.0)
ax.set_xlabel("parameters N (tokens D = C / 6N)")
ax.set_ylabel("predicted loss (nats/token)")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
