"""Drill: sample k items from a stream of unknown length, uniformly (reservoir sampling, Algorithm R)
and with weights, without replacement (Efraimidis and Spirakis' A-Res).

The tests compare frequencies over many runs with exact probabilities computed by enumeration:
for Algorithm R, by walking every random choice the algorithm can make; for weighted sampling, by
multiplying out successive draws without replacement, which is also the distribution of NumPy's
Generator.choice(replace=False, p=...). Every comparison uses the exact binomial interval that a
correct sampler leaves with probability 1e-9, so the tests hold for any seed. They also check the
edge cases and that tiny weights do not underflow the keys.
"""

# %%
# Imports; SciPy gives the binomial acceptance bands, NumPy's choice a second reference sampler.
import heapq
import itertools
import math
import os
from fractions import Fraction

import numpy as np
from scipy.stats import binom

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: two one-pass samplers with O(k) memory.
# --8<-- [start:solution]
def reservoir_sample(stream, k: int, rng: np.random.Generator) -> list:
    """Algorithm R: k items drawn uniformly without replacement from an iterable of unknown length.

    One pass, O(k) memory, one random integer per item after the k-th. Every k-subset of an
    n-item stream is returned with probability 1 / C(n, k); if n <= k, all items are returned.
    The order inside the returned list carries no meaning. Raises ValueError if k < 0.
    """
    if k < 0:
        raise ValueError("k must be non-negative")
    reservoir = []
    for i, item in enumerate(stream):
        if i < k:
            reservoir.append(item)
        else:
            j = int(rng.integers(0, i + 1))   # uniform on 0..i: keep item i with probability k / (i + 1)
            if j < k:
                reservoir[j] = item           # it replaces a uniformly chosen current member
    return reservoir


def weighted_sample(stream, k: int, rng: np.random.Generator) -> list:
    """A-Res: k items drawn without replacement, with probabilities proportional to weights.

    stream yields (item, weight) pairs, weight >= 0, length unknown. Each item gets the key
    u ** (1 / weight), u uniform on (0, 1], computed as log(u) / weight so that small weights do
    not underflow; the k largest keys are kept in a min-heap (O(n log k) time, O(k) memory).
    Returns the items by decreasing key, which is distributed as k successive draws without
    replacement: the first item is item i with probability w_i / sum(w). Items of weight 0 are
    never returned, so fewer than k come back if fewer than k weights are positive.
    Raises ValueError for a negative weight or k < 0.
    """
    if k < 0:
        raise ValueError("k must be non-negative")
    heap = []                                 # (key, position, item); the smallest key on top
    for position, (item, weight) in enumerate(stream):
        if weight < 0:
            raise ValueError(f"negative weight {weight}")
        if weight == 0 or k == 0:
            continue
        key = math.log(1.0 - rng.random()) / weight     # 1 - random() lies in (0, 1]
        if len(heap) < k:
            heapq.heappush(heap, (key, position, item))
        elif key > heap[0][0]:
            heapq.heapreplace(heap, (key, position, item))
    return [item for _, _, item in sorted(heap, reverse=True)]
# --8<-- [end:solution]


# %%
# The tests. A count is accepted if it lies in the central binomial interval of probability
# 1 - 1e-9 around the exact probability; with about 100 cells checked in all, a correct sampler
# fails a run with probability below 1e-6, whatever the seed.
# --8<-- [start:tests]
ALPHA = 1e-9


def assert_counts_match(counts: dict, probabilities: dict, runs: int, label: str) -> None:
    for outcome, p in probabilities.items():
        lo, hi = binom.interval(1 - ALPHA, runs, float(p))
        assert lo <= counts.get(outcome, 0) <= hi, (label, outcome, counts.get(outcome, 0), lo, hi)
    assert set(counts) <= set(probabilities), (label, set(counts) - set(probabilities))


def algorithm_r_exact(n: int, k: int) -> dict:
    """Exact distribution of Algorithm R's final set, by enumerating all its random choices."""
    distribution = {}
    choices = [range(i + 1) for i in range(k, n)]          # j for items k..n-1, each uniform
    weight = Fraction(1, math.prod(len(c) for c in choices))
    for js in itertools.product(*choices):
        reservoir = list(range(k))
        for i, j in zip(range(k, n), js):
            if j < k:
                reservoir[j] = i
        key = frozenset(reservoir)
        distribution[key] = distribution.get(key, 0) + weight
    return distribution


def successive_draws_exact(weights, k: int) -> dict:
    """Exact probability of each ordered k-tuple drawn one by one without replacement."""
    total = sum(weights)
    out = {}
    for tup in itertools.permutations(range(len(weights)), k):
        p, left = Fraction(1), Fraction(total)
        for i in tup:
            p *= Fraction(weights[i]) / left
            left -= weights[i]
        out[tup] = p
    return out


def test_worked_example():
    rng = np.random.default_rng(SEED)
    runs = 20_000
    inclusion = np.zeros(10)
    first = np.zeros(4)
    for _ in range(runs):
        inclusion[reservoir_sample(range(10), 3, rng)] += 1
        first[weighted_sample(zip(range(4), [1, 2, 3, 4]), 1, rng)[0]] += 1
    print("reservoir k=3 of 10, inclusion frequency per item:", (inclusion / runs).round(3).tolist())
    print("weights 1, 2, 3, 4, first-pick frequency:", (first / runs).round(3).tolist())
    assert_counts_match(dict(enumerate(inclusion)), {i: 0.3 for i in range(10)}, runs, "inclusion")
    assert_counts_match(dict(enumerate(first)), {i: w / 10 for i, w in enumerate([1, 2, 3, 4])}, runs, "first")
    # The band is narrow: under 0.02 either side of 0.3, so an off-by-one (3/9 for the last item) fails.
    lo, hi = binom.interval(1 - ALPHA, runs, 0.3)
    assert max(0.3 - lo / runs, hi / runs - 0.3) < 0.02 and 3 / 9 > hi / runs


def test_reservoir_returns_every_subset_with_equal_probability():
    n, k, runs = 6, 3, 20_000
    exact = algorithm_r_exact(n, k)
    assert math.prod(range(k + 1, n + 1)) == 120                        # 4 * 5 * 6 choice sequences
    assert len(exact) == math.comb(n, k) and set(exact.values()) == {Fraction(1, math.comb(n, k))}
    rng = np.random.default_rng(SEED + 100)
    counts = {}
    for _ in range(runs):
        sample = reservoir_sample((x for x in range(n)), k, rng)     # a generator: no len()
        assert len(set(sample)) == k
        key = frozenset(sample)
        counts[key] = counts.get(key, 0) + 1
    assert_counts_match(counts, exact, runs, "subsets")
    per_item = {i: sum(c for subset, c in counts.items() if i in subset) for i in range(n)}
    assert_counts_match(per_item, {i: Fraction(k, n) for i in range(n)}, runs, "inclusion")
    print(f"Algorithm R, k={k} of {n}: all {len(exact)} subsets have exact probability 1/{math.comb(n, k)}; "
          f"observed frequencies {min(counts.values()) / runs:.3f} to {max(counts.values()) / runs:.3f}")


def test_weighted_sample_matches_successive_draws_and_numpy_choice():
    weights, k, runs = [1, 2, 3, 4, 10], 2, 20_000
    exact = successive_draws_exact(weights, k)
    rng = np.random.default_rng(SEED + 200)
    ours, numpy_counts = {}, {}
    p = np.array(weights) / sum(weights)
    for _ in range(runs):
        tup = tuple(weighted_sample(zip(range(5), weights), k, rng))
        ours[tup] = ours.get(tup, 0) + 1
        tup = tuple(int(i) for i in rng.choice(5, size=k, replace=False, p=p))
        numpy_counts[tup] = numpy_counts.get(tup, 0) + 1
    assert_counts_match(ours, exact, runs, "A-Res ordered pairs")
    assert_counts_match(numpy_counts, exact, runs, "numpy choice ordered pairs")
    # Inclusion probabilities are not k * w / sum(w): the heaviest item is in 79.5 % of samples, not 100 %.
    inclusion = [sum(q for tup, q in exact.items() if i in tup) for i in range(5)]
    print("exact inclusion probabilities:", [round(float(q), 3) for q in inclusion],
          "| k w / sum(w):", [round(k * w / sum(weights), 3) for w in weights])
    assert round(float(inclusion[4]), 3) == 0.795 and sum(inclusion) == k


def test_tiny_weights_do_not_underflow():
    # With u ** (1 / w) and w = 1e-6, the key is 0.0 for any u below about 0.9993: ties everywhere.
    assert 0.9992 ** (1 / 1e-6) == 0.0 and 0.9993 ** (1 / 1e-6) > 0.0
    weights = [1e-6, 2e-6, 3e-6, 4e-6]
    rng = np.random.default_rng(SEED + 300)
    runs = 20_000
    first = {}
    for _ in range(runs):
        i = weighted_sample(zip(range(4), weights), 1, rng)[0]
        first[i] = first.get(i, 0) + 1
    assert_counts_match(first, {i: w / sum(weights) for i, w in enumerate(weights)}, runs, "tiny weights")


def test_edge_cases():
    rng = np.random.default_rng(SEED + 400)
    assert sorted(reservoir_sample(iter("abc"), 5, rng)) == ["a", "b", "c"]    # shorter than k
    assert reservoir_sample(range(100), 0, rng) == []
    assert reservoir_sample(iter([]), 3, rng) == []
    # Zero weights are never chosen; with fewer positive weights than k, fewer items come back.
    for _ in range(200):
        assert sorted(weighted_sample(zip("abcd", [0, 1, 0, 2]), 3, rng)) == ["b", "d"]
    assert weighted_sample(zip("ab", [1, 1]), 0, rng) == []
    for bad in (lambda: weighted_sample(zip("ab", [1, -1]), 1, rng), lambda: reservoir_sample(range(3), -1, rng)):
        try:
            bad()
        except ValueError:
            continue
        raise AssertionError("a negative weight or k should raise ValueError")
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
