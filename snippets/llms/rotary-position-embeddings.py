"""Rotary position embeddings (RoPE), ALiBi, and what context-extension methods do to RoPE.

The program rotates queries and keys, checks that their dot product depends only on the
offset between positions and that rotations keep norms, and contrasts this with added
absolute encodings. It builds ALiBi's biases. Then, for a Llama-2-sized head (128 dimensions,
base 10,000, trained on 4,096 tokens) stretched to 16,384 tokens, it measures which rotation
angles fall outside the range seen in training under plain extrapolation, position
interpolation, NTK-aware scaling and YaRN, and what each does to local resolution.
"""

# %%
# RoPE: split a head's d dimensions into d/2 pairs; pair i at position m is rotated by the
# angle m * theta_i, with theta_i = base^(-2i/d). Fast pairs (small i) turn about a radian per
# token; slow pairs turn a tiny fraction of a radian.
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)


def inv_freq(d, base=10_000.0):
    return base ** (-np.arange(0, d, 2) / d)                       # theta_i, i = 0 .. d/2 - 1


def rope(x, positions, theta):
    """Rotate each (even, odd) pair of x[..., :] by position * theta."""
    angles = np.asarray(positions, dtype=float)[:, None] * theta   # (n, d/2)
    cos, sin = np.cos(angles), np.sin(angles)
    even, odd = x[..., 0::2], x[..., 1::2]
    out = np.empty_like(x)
    out[..., 0::2] = even * cos - odd * sin
    out[..., 1::2] = even * sin + odd * cos
    return out


d = 64
theta = inv_freq(d)
q, k = rng.normal(size=d), rng.normal(size=d)
starts = np.arange(0, 2000, 7)                       # many absolute positions m


def sinusoid(positions):                             # the original added encoding
    angles = np.asarray(positions, dtype=float)[:, None] * theta
    pe = np.empty((len(angles), d))
    pe[:, 0::2], pe[:, 1::2] = np.sin(angles), np.cos(angles)
    return pe


print("offset   spread of q.k over positions m:   RoPE      added sinusoids")
for offset in (1, 5, 50, 500):
    rq = rope(np.tile(q, (len(starts), 1)), starts, theta)
    rk = rope(np.tile(k, (len(starts), 1)), starts + offset, theta)
    rope_scores = (rq * rk).sum(axis=1)
    added_scores = ((q + sinusoid(starts)) * (k + sinusoid(starts + offset))).sum(axis=1)
    rope_spread, added_spread = np.ptp(rope_scores), np.ptp(added_scores)
    print(f"{offset:6d} {rope_spread:37.1e} {added_spread:16.2f}")
    assert rope_spread < 1e-9 * np.abs(rope_scores).max() and added_spread > 20
x = rng.normal(size=(len(starts), d))
assert np.allclose(np.linalg.norm(rope(x, starts, theta), axis=1), np.linalg.norm(x, axis=1))
print("rotation keeps every vector's norm: True")

# %%
# ALiBi adds no embedding. Head h adds -slope_h * (i - j) to the causal score of query i and
# key j; with H heads the slopes are 2^(-8/H), 2^(-16/H), ..., 2^(-8). The bias depends only
# on i - j, and it is defined for any length.
H, n = 8, 12
slopes = 2.0 ** (-8 * np.arange(1, H + 1) / H)
offsets = np.arange(n)[:, None] - np.arange(n)[None, :]
bias = -slopes[:, None, None] * np.where(offsets >= 0, offsets, np.inf)   # -inf above diagonal
assert np.allclose(slopes, [1 / 2**h for h in range(1, 9)])
assert all(np.allclose(np.diagonal(bias[h], -o), -slopes[h] * o) for h in range(H) for o in range(n))
print(f"ALiBi slopes for {H} heads: " + ", ".join(f"1/{int(1 / s)}" for s in slopes))

# %%
# Stretching a RoPE model from L = 4,096 to L' = 16,384 tokens (s = 4), head size 128 as in
# Llama 2. Four ways to choose each pair's frequency at the new length:
#   extrapolate: keep theta_i and just use positions up to L'
#   position interpolation (Chen et al., 2023): theta_i / s, i.e. positions m / s
#   NTK-aware: keep the positions, raise the base to base * s^(d / (d - 2))
#   YaRN (Peng et al., 2023): per pair, by r_i = L / wavelength_i (turns made in training):
#     r_i < 1: interpolate fully; r_i > 32: keep theta_i; in between: blend linearly
d, L, s = 128, 4096, 4
L_new = s * L
theta = inv_freq(d)
wavelength = 2 * np.pi / theta
turns = L / wavelength
ramp = np.clip((turns - 1) / (32 - 1), 0, 1)                     # 0: interpolate, 1: keep
methods = {
    "extrapolate": theta,
    "interpolate (PI)": theta / s,
    "NTK-aware": inv_freq(d, 10_000.0 * s ** (d / (d - 2))),
    "YaRN": (1 - ramp) * theta / s + ramp * theta,
}
# Angle range a pair saw in training: [0, L theta_i], or the whole circle if L theta_i >= 2 pi.
trained_max = L * theta
partial = trained_max < 2 * np.pi                                # pairs that never turned once
print(f"\nwavelengths: fastest pair {wavelength[0]:.1f} tokens, slowest {wavelength[-1]:,.0f} tokens")
assert 6 < wavelength[0] < 6.5 and 54_000 < wavelength[-1] < 55_000
print(f"{partial.sum()} of {d // 2} pairs never completed a turn in {L:,} tokens "
      f"(wavelength > {L:,})")
print(f"{'method':<18} {'pairs with unseen angles':>24} {'worst overshoot':>16}"
      f" {'step of fastest pair':>21}")
unseen, overshoot = {}, {}
for name, th in methods.items():
    new_max = L_new * th
    out_of_range = partial & (new_max > trained_max * (1 + 1e-9))
    unseen[name] = int(out_of_range.sum())
    overshoot[name] = float((new_max / trained_max)[out_of_range].max()) if out_of_range.any() else 1.0
    print(f"{name:<18} {unseen[name]:24d} {overshoot[name]:15.2f}x {th[0] / theta[0]:20.2f}x")
assert partial.sum() == 18 and unseen["extrapolate"] == 18 and overshoot["extrapolate"] == s
# A larger base (Code Llama used 1e6) slows every pair, so more pairs are incomplete at L.
assert (L * inv_freq(d, 1e6) < 2 * np.pi).sum() > partial.sum()
assert unseen["interpolate (PI)"] == 0 and unseen["YaRN"] == 0
assert unseen["NTK-aware"] == 17 and 1.4 < overshoot["NTK-aware"] < 1.5
assert np.isclose(methods["interpolate (PI)"][0] / theta[0], 1 / s)       # PI blurs neighbours
for name in ("NTK-aware", "YaRN"):
    assert np.isclose(methods[name][0], theta[0])                          # fastest pair untouched
assert np.isclose(methods["NTK-aware"][-1], theta[-1] / s)                 # slowest pair: exactly 1/s
kept, interpolated = np.flatnonzero(ramp == 1), np.flatnonzero(ramp == 0)
blended = d // 2 - len(kept) - len(interpolated)
print(f"YaRN keeps pairs {kept[0]}-{kept[-1]} (over 32 turns in training), interpolates pairs "
      f"{interpolated[0]}-{interpolated[-1]} fully and blends the {blended} between")
assert (kept[-1], interpolated[0]) == (20, 46) and np.array_equal(interpolated, np.flatnonzero(partial))
attention_scale = (0.1 * np.log(s) + 1) ** 2                               # YaRN's sqrt(1/t) = 0.1 ln s + 1
print(f"YaRN also multiplies the attention logits by (0.1 ln {s} + 1)^2 = {attention_scale:.3f}")
assert 1.29 < attention_scale < 1.30

# %%
# Per pair, the factor each method applies to the frequency. The shaded pairs never completed
# a turn in training: their angles must stay in range. The fast pairs on the left set the
# resolution between neighbouring tokens.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Frequency factor applied to each of the 64 RoPE dimension pairs when stretching 4,096 "
        "to 16,384 tokens. Extrapolation keeps all at 1; position interpolation divides all by "
        "4; NTK-aware scaling goes smoothly from 1 for the fastest pair to 1/4 for the slowest; "
        "YaRN keeps the fast pairs at 1, divides the slow pairs that never completed a turn by 4, "
        "and blends in between.")
idx = np.arange(d // 2)
for (name, th), style in zip(methods.items(), ("-", "--", "-.", ":")):
    ax.plot(idx, th / theta, style, lw=2, label=name)
ax.axvspan(idx[partial][0] - 0.5, d // 2 - 0.5, color="0.9", label="wavelength > 4,096")
ax.set_yscale("log", base=2)
ax.set_xlabel("dimension pair i (fast on the left, slow on the right)")
ax.set_ylabel("new frequency / trained frequency")
ax.legend(fontsize=8, loc="lower left")
fig.tight_layout()
plt.show()
