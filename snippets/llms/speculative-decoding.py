"""Speculative sampling: a draft model proposes, the target verifies, the output is the target's.

One speculative step is written once, against an "oracle" that supplies its random draws. With
a sampling oracle it runs as usual; with an enumerating oracle every branch of the procedure is
followed with its exact probability. On small vocabularies this computes, without sampling, the
distribution of the emitted tokens and shows it equals the target model's, while a tempting
wrong rule (resampling from the target instead of the residual) does not. The expected number of
tokens per step matches (1 - alpha^(k+1)) / (1 - alpha), exactly and by Monte Carlo, and a cost
model gives the speed-up and the best number of draft tokens.
"""

# %%
# Two toy language models over a 4-token vocabulary. The next-token distribution depends on the
# last token (a bigram model). The draft is a blurred copy of the target: close, not equal.
import os
from collections import defaultdict
from functools import lru_cache

import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

V = 4
target_table = rng.dirichlet(np.full(V, 0.7), size=V + 1)    # row V: start of sequence
draft_table = 0.6 * target_table + 0.4 * rng.dirichlet(np.ones(V), size=V + 1)


def target(ctx):
    return target_table[ctx[-1] if ctx else V]


def draft(ctx):
    return draft_table[ctx[-1] if ctx else V]


# %%
# One speculative step with k draft tokens. The draft samples k tokens one by one; the target
# scores all k + 1 positions in one pass; draft token x is accepted with probability
# min(1, p(x) / q(x)); at the first rejection a token is drawn from norm(max(0, p - q)) and the
# step ends; if all k are accepted, a bonus token is drawn from the target's next distribution.
def speculative_step(prefix, k, oracle, residual=True):
    drafts = []
    for _ in range(k):
        drafts.append(oracle.draw(draft(list(prefix) + drafts)))
    out = []
    for i, x in enumerate(drafts):
        p, q = target(list(prefix) + drafts[:i]), draft(list(prefix) + drafts[:i])
        if oracle.coin(min(1.0, p[x] / q[x])):
            out.append(x)
            continue
        fix = np.maximum(p - q, 0) if residual else p.copy()   # residual=False: a wrong rule
        out.append(oracle.draw(fix / fix.sum()))
        return tuple(out)
    out.append(oracle.draw(target(list(prefix) + drafts)))  # bonus token
    return tuple(out)


class Sampler:
    """Oracle that draws at random."""
    def draw(self, dist):
        return min(int(np.searchsorted(np.cumsum(dist), rng.random(), side="right")), len(dist) - 1)

    def coin(self, prob):
        return bool(rng.random() < prob)


class NeedChoice(Exception):
    def __init__(self, options):
        self.options = options


class Replay:
    """Oracle that replays a list of choices and asks for a branch when it runs out."""
    def __init__(self, choices):
        self.choices, self.i = choices, 0

    def _next(self, options):
        if self.i == len(self.choices):
            raise NeedChoice([(v, w) for v, w in options if w > 0])
        self.i += 1
        return self.choices[self.i - 1]

    def draw(self, dist):
        return self._next(list(enumerate(dist)))

    def coin(self, prob):
        return self._next([(True, prob), (False, 1.0 - prob)])


def exact_outcomes(run):
    """Exact distribution of run(oracle)'s return value, by following every branch."""
    dist, stack = defaultdict(float), [([], 1.0)]
    while stack:
        choices, prob = stack.pop()
        try:
            dist[run(Replay(choices))] += prob
        except NeedChoice as branch:
            stack.extend((choices + [v], prob * w) for v, w in branch.options)
    return dist


# %%
# The distribution of the first n emitted tokens, when speculative steps are repeated from an
# empty prefix, computed exactly; and the target's own distribution over the same sequences.
@lru_cache(maxsize=None)
def speculative_sequences(prefix, n, k, residual=True):
    """Both models see only the last token, so a one-token prefix is enough (and cacheable)."""
    if n == 0:
        return {(): 1.0}
    dist = defaultdict(float)
    for ext, pr in exact_outcomes(lambda o: speculative_step(prefix, k, o, residual)).items():
        if len(ext) >= n:
            dist[ext[:n]] += pr
        else:
            for rest, pr2 in speculative_sequences(ext[-1:], n - len(ext), k, residual).items():
                dist[ext + rest] += pr * pr2
    return dist


def target_sequences(n):
    dist = {}
    for seq in np.ndindex(*(V,) * n):
        dist[seq] = np.prod([target(list(seq[:i]))[seq[i]] for i in range(n)])
    return dist


n_tokens = 4
ref = target_sequences(n_tokens)
print(f"distribution of the first {n_tokens} tokens ({V ** n_tokens} sequences), computed exactly")
print("draft tokens k   max |P_spec - P_target|   total variation, wrong resampling rule")
for k in (1, 2, 3):
    good = speculative_sequences((), n_tokens, k)
    bad = speculative_sequences((), n_tokens, k, residual=False)
    diff = max(abs(good.get(s, 0.0) - pr) for s, pr in ref.items())
    tv = 0.5 * sum(abs(bad.get(s, 0.0) - pr) for s, pr in ref.items())
    print(f"{k:14d} {diff:24.1e} {tv:28.3f}")
    assert abs(sum(good.values()) - 1) < 1e-12 and diff < 1e-14
    assert 0.04 < tv < 0.10

# %%
# Greedy decoding is the special case of one-hot distributions: a draft token is kept only if it
# is the target's argmax, and a rejection emits the target's argmax.
p1, q1 = np.eye(V)[2], np.eye(V)[0]
saved = target_table.copy(), draft_table.copy()
target_table[:], draft_table[:] = p1, q1
greedy = exact_outcomes(lambda o: speculative_step((), 3, o))
target_table[:], draft_table[:] = saved
print(f"\none-hot target (argmax 2) and draft (argmax 0): outcomes { {k: float(v) for k, v in greedy.items()} }")
assert dict(greedy) == {(2,): 1.0}

# %%
# Tokens per step. If the acceptance probability alpha = sum_x min(p(x), q(x)) is the same at
# every position (here: context-free models), the accepted count is a truncated geometric and a
# step emits (1 - alpha^(k+1)) / (1 - alpha) tokens on average, bonus token included.
p_u, q_u = rng.dirichlet(np.full(V, 0.7)), None
q_u = 0.6 * p_u + 0.4 * rng.dirichlet(np.ones(V))
target_table[:], draft_table[:] = p_u, q_u
alpha = np.minimum(p_u, q_u).sum()
print(f"\ncontext-free models, alpha = {alpha:.3f}")
print("k   formula   exact enumeration   Monte Carlo (10,000 steps) +- 4 s.e.")
for k in (1, 2, 3, 4):
    formula = (1 - alpha ** (k + 1)) / (1 - alpha)
    exact = sum(len(ext) * pr for ext, pr in exact_outcomes(lambda o: speculative_step((), k, o)).items())
    lengths = np.array([len(speculative_step((), k, Sampler())) for _ in range(10_000)])
    se = lengths.std() / np.sqrt(len(lengths))
    print(f"{k}   {formula:7.4f}   {exact:17.4f}   {lengths.mean():8.4f} +- {4 * se:.4f}")
    assert abs(exact - formula) < 1e-12 and abs(lengths.mean() - formula) < 4 * se
target_table[:], draft_table[:] = saved

# %%
# Speed-up model (Leviathan et al., 2023): with a draft step costing c target steps, a step costs
# k c + 1 target-step times and emits (1 - alpha^(k+1)) / (1 - alpha) tokens on average, so the
# expected speed-up is (1 - alpha^(k+1)) / ((1 - alpha) (k c + 1)). Verification runs the target
# on k + 1 positions per step, so target FLOPs per emitted token go up even as time goes down.
def speedup(a, k, c):
    return (1 - a ** (k + 1)) / ((1 - a) * (k * c + 1))


c = 0.05
print(f"\ndraft cost c = {c}   best k   speed-up   target positions per emitted token")
best = {}
for a in (0.6, 0.7, 0.8, 0.9):
    ks = np.arange(1, 21)
    s = np.array([speedup(a, k, c) for k in ks])
    k_best = int(ks[s.argmax()])
    tokens = (1 - a ** (k_best + 1)) / (1 - a)
    best[a] = (k_best, s.max(), (k_best + 1) / tokens)
    print(f"alpha = {a:.1f}   {k_best:10d} {s.max():10.2f} {(k_best + 1) / tokens:20.2f}")
ks_best = [best[a][0] for a in sorted(best)]
assert ks_best == [4, 6, 8, 13]                                      # better drafts: longer k
assert [round(best[a][1], 1) for a in (0.6, 0.8, 0.9)] == [1.9, 3.1, 4.7]
assert all(1.7 < b[2] < 2.4 for b in best.values())                  # ~2x target compute
print(f"poor, slow draft (alpha 0.3, c 0.3, k 4): speed-up {speedup(0.3, 4, 0.3):.2f}")
assert round(speedup(0.3, 4, 0.3), 2) == 0.65                       # a poor draft slows down
