"""Greedy search, beam search, temperature, top-k and top-p sampling on toy language models.

A hand-made two-step example shows greedy search missing the most probable sequence. A
random bigram "language model" over 30 tokens (for which the exact best sequence is
computable with dynamic programming) measures how often greedy and beam search find it, and
how the sampling methods trade likelihood against diversity.
"""

# %%
# Greedy search commits to the best first token; beam search keeps the best b prefixes.
# Step 1: "the" 0.5, "a" 0.4, "an" 0.1. After "the" the next word is uncertain (best 0.3);
# after "a" it is almost certain (0.9). Greedy finds 0.5 x 0.3 = 0.15, beam (b = 2) 0.36.
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

first = {"the": 0.5, "a": 0.4, "an": 0.1}
second = {"the": {"cat": 0.3, "dog": 0.25, "car": 0.25, "sun": 0.2},
          "a": {"cat": 0.9, "dog": 0.1},
          "an": {"owl": 1.0}}
greedy_1 = max(first, key=first.get)
greedy_2 = max(second[greedy_1], key=second[greedy_1].get)
p_greedy = first[greedy_1] * second[greedy_1][greedy_2]
beam = sorted(first, key=first.get, reverse=True)[:2]           # keep 2 prefixes
candidates = {(w1, w2): first[w1] * p for w1 in beam for w2, p in second[w1].items()}
best_beam = max(candidates, key=candidates.get)
print(f"greedy: '{greedy_1} {greedy_2}' p = {p_greedy:.2f};  "
      f"beam(2): '{' '.join(best_beam)}' p = {candidates[best_beam]:.2f}")
assert np.isclose(p_greedy, 0.15) and np.isclose(candidates[best_beam], 0.36)

# %%
# A random bigram LM: next-token distributions from a sparse Dirichlet. For a bigram model
# the most probable sequence of a given length can be found exactly (Viterbi); for a
# transformer it cannot, which is why beam search is used.
rng = np.random.default_rng(SEED)
V, T = 30, 12


def random_lm():
    return np.log(rng.dirichlet(np.full(V, 0.2), size=V) + 1e-12)


def beam_search(logP, start, width, length=T):
    beams = [((start,), 0.0)]
    for _ in range(length):
        cands = [(seq + (j,), s + logP[seq[-1], j]) for seq, s in beams for j in range(V)]
        beams = sorted(cands, key=lambda c: -c[1])[:width]
    return beams[0]


def viterbi(logP, start, length=T):
    score = logP[start].copy()                      # best log-prob of a path ending in j
    for _ in range(length - 1):
        score = (score[:, None] + logP).max(axis=0)
    return score.max()


widths = [1, 2, 4, 8]
found = {w: 0 for w in widths}
gap = {w: [] for w in widths}
n_lms = 100
for _ in range(n_lms):
    logP = random_lm()
    best = viterbi(logP, 0)
    for w in widths:                                 # width 1 is greedy search
        s = beam_search(logP, 0, w)[1]
        found[w] += np.isclose(s, best)
        gap[w].append(best - s)
print(f"\nexact best sequence of {T} tokens found, over {n_lms} random bigram LMs")
print("beam width   found   mean log-prob shortfall")
for w in widths:
    print(f"{w:10d}   {found[w] / n_lms:5.2f}   {np.mean(gap[w]):8.3f}")
assert found[1] < 0.25 * n_lms and found[8] > 0.5 * n_lms              # greedy rarely, b = 8 mostly
assert all(np.mean(gap[a]) > np.mean(gap[b]) for a, b in zip(widths, widths[1:]))  # on average
assert min(min(g) for g in gap.values()) > -1e-9     # nothing beats the exact search


# %%
# Sampling. Temperature divides the logits; top-k keeps the k most probable tokens; top-p
# (nucleus) keeps the smallest set whose probability reaches p. Both truncations renormalise.
def sampling_distribution(logits, temperature=1.0, top_k=None, top_p=None):
    z = logits / temperature
    p = np.exp(z - z.max())
    p /= p.sum()
    order = np.argsort(-p)
    keep = np.zeros_like(p, dtype=bool)
    if top_k is not None:
        keep[order[:top_k]] = True
    elif top_p is not None:
        cum = np.cumsum(p[order])
        keep[order[:np.searchsorted(cum, top_p) + 1]] = True
    else:
        keep[:] = True
    p = np.where(keep, p, 0.0)
    return p / p.sum()


def entropy(p):
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


logits = np.log(rng.dirichlet(np.full(V, 0.5)))
ents = [entropy(sampling_distribution(logits, t)) for t in (0.25, 0.5, 1.0, 2.0)]
assert all(a < b for a, b in zip(ents, ents[1:]))            # hotter = flatter
cold = sampling_distribution(logits, 1e-3)
assert np.argmax(cold) == np.argmax(logits) and cold.max() > 0.99  # T -> 0 becomes greedy
# A peaked and a flat next-token distribution (Zipf-like, probability ~ rank^-3 and
# rank^-0.5, in a random token order).
ranks = rng.permutation(V) + 1.0
peaked, flat = -3 * np.log(ranks), -0.5 * np.log(ranks)
sizes = {name: [int((sampling_distribution(z, top_p=0.9) > 0).sum()),
                int((sampling_distribution(z, top_k=5) > 0).sum())]
         for name, z in [("peaked", peaked), ("flat", flat)]}
print("\ntokens kept      top-p 0.9   top-k 5")
for name, (n_p, n_k) in sizes.items():
    print(f"{name:<14} {n_p:10d} {n_k:9d}")
assert sizes == {"peaked": [2, 5], "flat": [25, 5]}              # nucleus adapts, top-k does not

# %%
# Quality against diversity: 200 continuations of 20 tokens from the same start under each
# strategy, scored by the average log-probability per token under the (untruncated) model
# and by the fraction of distinct bigrams. Greedy decoding of a bigram model must cycle.
logP = random_lm()
settings = {"greedy": dict(top_k=1), "T = 0.5": dict(temperature=0.5),
            "top-p 0.9": dict(top_p=0.9), "top-k 5": dict(top_k=5),
            "T = 1 (pure sampling)": dict(temperature=1.0), "T = 1.5": dict(temperature=1.5)}
dists = {name: np.array([sampling_distribution(logP[i], **kw) for i in range(V)])
         for name, kw in settings.items()}
results = {}
for name, Q in dists.items():
    cum = Q.cumsum(axis=1)
    seqs = np.zeros((200, 21), dtype=int)
    for t in range(1, 21):
        u = rng.random(200)
        seqs[:, t] = np.minimum((cum[seqs[:, t - 1]] < u[:, None]).sum(axis=1), V - 1)
    loglik = logP[seqs[:, :-1], seqs[:, 1:]].mean()
    bigrams = set(zip(seqs[:, :-1].ravel(), seqs[:, 1:].ravel()))
    results[name] = (loglik, len(bigrams), len({tuple(s) for s in seqs}))
print(f"\n{'strategy':<22} {'log-prob/token':>14} {'distinct bigrams':>16} {'distinct seqs':>13}")
for name, (ll, n_bigrams, nseq) in results.items():
    print(f"{name:<22} {ll:14.2f} {n_bigrams:16d} {nseq:13d}")
assert results["greedy"][2] == 1
# Greedy decoding of a bigram model is a deterministic map on V states, so after at most V
# steps it is in a cycle of period at most V; follow it for 3V steps to find the period.
greedy_path = [0]
for _ in range(3 * V):
    greedy_path.append(int(np.argmax(logP[greedy_path[-1]])))
period = next(p for p in range(1, V + 1) if greedy_path[-p:] == greedy_path[-2 * p:-p])
print(f"greedy continuation: {' '.join(map(str, greedy_path[:21]))} (loops with period {period})")
if SEED == 0:
    assert period == 4                                        # this draw's cycle
order_ll = [results[n][0] for n in ["greedy", "T = 0.5", "T = 1 (pure sampling)", "T = 1.5"]]
order_div = [results[n][1] for n in ["greedy", "T = 0.5", "T = 1 (pure sampling)", "T = 1.5"]]
assert all(a > b for a, b in zip(order_ll, order_ll[1:]))     # hotter: less likely text
assert all(a < b for a, b in zip(order_div, order_div[1:]))   # ... and more diverse text
assert results["T = 1 (pure sampling)"][0] < results["top-p 0.9"][0] < results["T = 0.5"][0]
assert all(results["greedy"][0] > r[0] for name, r in results.items() if name != "greedy")

# %%
# One next-token distribution under three temperatures, with the top-p = 0.9 nucleus marked.
fig, axes = plt.subplots(
    1, 3, figsize=(7.6, 2.8), sharey=True,
    num="A next-token distribution at temperature 0.5, 1 and 2, tokens sorted by probability; "
        "higher temperature flattens it, and the top-p 0.9 nucleus, shown in dark bars, grows "
        "from a few tokens to most of the vocabulary")
nucleus_sizes = []
for ax, t in zip(axes, (0.5, 1.0, 2.0)):
    p = np.sort(sampling_distribution(logits, t))[::-1]
    kept = int((sampling_distribution(logits, t, top_p=0.9) > 0).sum())
    nucleus_sizes.append(kept)
    ax.bar(np.arange(V), p, color=["C0" if i < kept else "0.8" for i in range(V)])
    ax.set_title(f"T = {t}: nucleus {kept} tokens", fontsize=9)
    ax.set_xlabel("token rank", fontsize=8)
axes[0].set_ylabel("probability")
fig.tight_layout()
assert nucleus_sizes[0] < nucleus_sizes[1] < nucleus_sizes[2] and nucleus_sizes[2] > V / 2
plt.show()
