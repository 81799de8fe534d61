"""Drill: beam search over a step function that returns next-token log-probabilities.

The solution keeps the beam_width best unfinished prefixes, moves a hypothesis to the finished
list when it emits the end-of-sequence token within the top beam_width candidates, scores
sequences by summed log-probabilities (optionally divided by length ** alpha), and stops as soon
as no unfinished prefix can still beat the finished ones. The tests compare it with exhaustive
search over every sequence of a small vocabulary (beam width = vocabulary size ** max_len), with
greedy decoding (beam width 1), and with scores recomputed token by token.
"""

# %%
# Imports; SciPy's logsumexp builds the random test models, not the solution.
import os

import numpy as np
from scipy.special import logsumexp

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution.
# --8<-- [start:solution]
def beam_search(step_fn, eos: int, beam_width: int, max_len: int,
                alpha: float = 0.0) -> list[tuple[tuple[int, ...], float]]:
    """Beam search for high-scoring sequences.

    step_fn(prefix) takes a tuple of token ids and returns a 1-D array of next-token
    log-probabilities over the vocabulary. A sequence ends when it emits eos (which is part of
    the sequence) or when it reaches max_len tokens. Its score is the sum of its tokens'
    log-probabilities divided by len(sequence) ** alpha (alpha = 0: no length normalisation).
    At each step every unfinished prefix is extended by every token; among the candidates ranked
    by log-probability, those ending in eos within the top beam_width are finished, and the
    best beam_width others stay alive. Returns up to beam_width (sequence, score) pairs, best
    first. With beam_width = 1 and alpha = 0 this is greedy decoding.
    """
    alive = [((), 0.0)]
    finished = []

    def normalised(sequence, log_prob):
        return log_prob / len(sequence) ** alpha

    for step in range(max_len):
        prefixes = [prefix for prefix, _ in alive]
        totals = np.array([lp for _, lp in alive])[:, None] + np.stack([step_fn(p) for p in prefixes])
        vocab_size = totals.shape[1]
        order = np.argsort(-totals, axis=None, kind="stable")  # all candidates, best first
        next_alive = []
        for rank, flat in enumerate(order):
            b, token = divmod(int(flat), vocab_size)
            candidate = (prefixes[b] + (token,), float(totals[b, token]))
            if token == eos:
                if rank < beam_width:  # eos competes for a beam slot like any other token
                    finished.append((candidate[0], normalised(*candidate)))
            elif len(next_alive) < beam_width:
                next_alive.append(candidate)
            if rank + 1 >= beam_width and len(next_alive) == beam_width:
                break
        alive = next_alive
        if step == max_len - 1:  # out of length: unfinished prefixes end here
            finished += [(seq, normalised(seq, lp)) for seq, lp in alive]
            alive = []
        if not alive:
            break
        if len(finished) >= beam_width:
            # Log-probabilities only fall as a prefix grows, and dividing a negative sum by at
            # most max_len ** alpha bounds any continuation's score: stop if none can catch up.
            kth_best = sorted((score for _, score in finished), reverse=True)[beam_width - 1]
            bound = max(lp for _, lp in alive) / max_len ** alpha
            if kth_best >= bound:
                break
    finished.sort(key=lambda item: -item[1])
    return finished[:beam_width]
# --8<-- [end:solution]


# %%
# The tests: the worked example, exhaustive search, greedy decoding, scores, length penalty.
# --8<-- [start:tests]
def table_model(table, vocab_size):
    """A step function from a dict {prefix: {token: probability}}; missing tokens get 1e-12."""
    def step_fn(prefix):
        probs = np.full(vocab_size, 1e-12)
        for token, p in table[prefix].items():
            probs[token] = p
        return np.log(probs)
    return step_fn


def random_model(seed, vocab_size, eos, eos_bias=0.0):
    """A random full-context model: the next-token distribution is a fixed function of the
    whole prefix (seeded by it), so every call with the same prefix returns the same values."""
    def step_fn(prefix):
        rng = np.random.default_rng([seed, len(prefix), *prefix])
        logits = rng.normal(0, 2, vocab_size)
        logits[eos] += eos_bias
        return logits - logsumexp(logits)
    return step_fn


def exhaustive(step_fn, vocab_size, eos, max_len, alpha=0.0):
    """Every sequence that ends in eos or has max_len tokens, scored, best first."""
    results = []

    def expand(prefix, log_prob):
        log_probs = step_fn(prefix)
        for token in range(vocab_size):
            seq, lp = prefix + (token,), log_prob + log_probs[token]
            if token == eos or len(seq) == max_len:
                results.append((seq, lp / len(seq) ** alpha))
            else:
                expand(seq, lp)

    expand((), 0.0)
    return sorted(results, key=lambda item: -item[1])


def greedy(step_fn, eos, max_len):
    """Reference greedy decoder: take the most probable token until eos or max_len."""
    prefix, score = (), 0.0
    while len(prefix) < max_len:
        log_probs = step_fn(prefix)
        token = int(np.argmax(log_probs))
        prefix, score = prefix + (token,), score + log_probs[token]
        if token == eos:
            break
    return prefix, score


def test_worked_example():
    EOS, A, B = 0, 1, 2
    step_fn = table_model({(): {A: 0.5, B: 0.4, EOS: 0.1},
                           (A,): {A: 0.3, B: 0.3, EOS: 0.4},
                           (B,): {A: 0.05, B: 0.05, EOS: 0.9}}, vocab_size=3)
    greedy_result = beam_search(step_fn, EOS, beam_width=1, max_len=2)
    beam_result = beam_search(step_fn, EOS, beam_width=2, max_len=2)
    for name, result in [("width 1 (greedy)", greedy_result), ("width 2", beam_result)]:
        print(f"  {name}: " + ", ".join(f"{seq} p={np.exp(score):.2f}" for seq, score in result))
    assert greedy_result[0][0] == (A, EOS) and np.isclose(np.exp(greedy_result[0][1]), 0.20)
    assert [seq for seq, _ in beam_result] == [(B, EOS), (A, EOS)]
    np.testing.assert_allclose(np.exp([s for _, s in beam_result]), [0.36, 0.20], rtol=1e-9)


def test_full_width_equals_exhaustive_search():
    for seed in range(SEED, SEED + 5):
        for vocab_size, max_len, eos_bias, alpha in [(2, 6, 0.0, 0.0), (3, 5, 0.0, 0.0),
                                                     (3, 5, -1.0, 1.0), (4, 4, 1.0, 0.7)]:
            step_fn = random_model(seed, vocab_size, eos=0, eos_bias=eos_bias)
            reference = exhaustive(step_fn, vocab_size, 0, max_len, alpha)
            width = vocab_size ** max_len  # at least the number of complete sequences
            result = beam_search(step_fn, 0, width, max_len, alpha)
            assert [seq for seq, _ in result] == [seq for seq, _ in reference]
            np.testing.assert_allclose([s for _, s in result], [s for _, s in reference], rtol=1e-12)


def test_width_one_is_greedy_and_no_beam_beats_exhaustive():
    found = {1: 0, 2: 0, 4: 0}
    for seed in range(SEED, SEED + 40):
        step_fn = random_model(seed, 5, eos=0, eos_bias=-0.5)
        best_seq, best_score = exhaustive(step_fn, 5, 0, 5)[0]
        seq, score = beam_search(step_fn, 0, 1, 5)[0]
        greedy_seq, greedy_score = greedy(step_fn, 0, 5)
        assert seq == greedy_seq and np.isclose(score, greedy_score, rtol=1e-12)
        for width in found:
            seq, score = beam_search(step_fn, 0, width, 5)[0]
            assert score <= best_score + 1e-12
            found[width] += seq == best_seq
    print("  share of 40 random models where the beam finds the exact best sequence: "
          + ", ".join(f"width {w}: {n / 40:.0%}" for w, n in found.items()))
    assert found[1] / 40 <= 0.8 and found[4] / 40 >= 0.9  # greedy often misses; width 4 rarely


def test_scores_are_sums_of_log_probs():
    for seed in range(SEED, SEED + 5):
        step_fn = random_model(seed, 6, eos=2, eos_bias=0.5)
        for alpha in (0.0, 1.0):
            for seq, score in beam_search(step_fn, 2, 4, 7, alpha):
                log_prob = sum(step_fn(seq[:i])[token] for i, token in enumerate(seq))
                np.testing.assert_allclose(score, log_prob / len(seq) ** alpha, rtol=1e-12)
                assert seq[-1] == 2 or len(seq) == 7   # ends with eos or at max_len
                assert 2 not in seq[:-1]               # nothing after eos


def test_a_wider_beam_can_end_lower():
    # Width 2 keeps b's two continuations (0.27 and 0.18) and drops a-c (0.17), whose only
    # continuation is certain; b's continuations all end at a quarter.
    EOS, A, B, C, D = range(5)
    quarter = {EOS: 0.25, A: 0.25, B: 0.25, C: 0.25}
    step_fn = table_model({(): {A: 0.5, B: 0.45, EOS: 0.05},
                           (A,): {C: 0.34, D: 0.33, B: 0.33}, (B,): {C: 0.6, D: 0.4},
                           (A, C): {EOS: 1.0}, (B, C): quarter, (B, D): quarter}, vocab_size=5)
    width_1 = beam_search(step_fn, EOS, 1, 3)[0]
    width_2 = beam_search(step_fn, EOS, 2, 3)[0]
    assert width_1[0] == (A, C, EOS) and np.isclose(np.exp(width_1[1]), 0.17)
    assert np.isclose(np.exp(width_2[1]), 0.0675) and width_2[1] < width_1[1]


def test_length_normalisation_avoids_the_empty_output():
    # EOS is the likeliest first token, but continuations are near-certain: without
    # normalisation the one-token output (just EOS) wins; per-token averaging (alpha = 1)
    # prefers the full-length sequence.
    EOS, A = 0, 1
    table = {(): {EOS: 0.4, A: 0.6}}
    for k in range(1, 5):
        table[(A,) * k] = {EOS: 0.1, A: 0.9}
    step_fn = table_model(table, vocab_size=2)
    assert beam_search(step_fn, EOS, 2, 5, alpha=0.0)[0][0] == (EOS,)
    assert beam_search(step_fn, EOS, 2, 5, alpha=1.0)[0][0] == (A,) * 5
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
