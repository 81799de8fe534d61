"""The forward and Viterbi algorithms for a hidden Markov model, checked by brute force.

1. On random 3-state, 4-symbol HMMs, the scaled forward algorithm equals the sum of
   P(path, observations) over all 3^T hidden paths, and the probabilities of all 4^T observation
   sequences add up to 1.
2. Viterbi returns the same path and probability as an exhaustive search.
3. Without scaling, the forward recursion underflows on long sequences.
4. The dishonest casino: Viterbi decoding of fair and loaded dice beats labelling each roll alone.
"""

# %%
# pi: initial state probabilities, A[i, j] = P(next state j | state i), B[i, k] = P(symbol k | i).
import itertools
import os
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)


def forward_loglik(obs, pi, A, B):
    """log P(obs), rescaling alpha at each step so that it sums to 1 (O(T N^2) work)."""
    alpha, loglik = pi * B[:, obs[0]], 0.0
    for t in range(1, len(obs) + 1):
        c = alpha.sum()
        loglik, alpha = loglik + np.log(c), alpha / c
        if t < len(obs):
            alpha = (alpha @ A) * B[:, obs[t]]
    return loglik


def viterbi(obs, pi, A, B):
    """Most probable hidden path and its log joint probability, in log space."""
    lA, lB = np.log(A), np.log(B)
    delta, back = np.log(pi) + lB[:, obs[0]], []
    for o in obs[1:]:
        scores = delta[:, None] + lA                 # scores[i, j]: best path ending i -> j
        back.append(scores.argmax(axis=0))
        delta = scores.max(axis=0) + lB[:, o]
    path = [int(delta.argmax())]
    for b in reversed(back):
        path.append(int(b[path[-1]]))
    return path[::-1], delta.max()


def joint(path, obs, pi, A, B):
    p = pi[path[0]] * B[path[0], obs[0]]
    for s0, s1, o in zip(path, path[1:], obs[1:]):
        p *= A[s0, s1] * B[s1, o]
    return p


# %%
# 1-2. Brute force over every hidden path, for 20 random models and sequences of length 6.
N, M, T = 3, 4, 6
for _ in range(20):
    pi, A, B = rng.dirichlet(np.ones(N)), rng.dirichlet(np.ones(N), N), rng.dirichlet(np.ones(M), N)
    obs = rng.integers(0, M, T)
    paths = list(itertools.product(range(N), repeat=T))
    probs = np.array([joint(p, obs, pi, A, B) for p in paths])
    assert np.isclose(forward_loglik(obs, pi, A, B), np.log(probs.sum()))
    path, logp = viterbi(obs, pi, A, B)
    # compare probabilities, not paths: equal symbols can make two paths tie exactly
    assert np.isclose(joint(path, obs, pi, A, B), probs.max()) and np.isclose(logp, np.log(probs.max()))
total = sum(np.exp(forward_loglik(np.array(o), pi, A, B))
            for o in itertools.product(range(M), repeat=5))
print("forward = brute force on 20 models; Viterbi = exhaustive argmax on 20 models")
print(f"sum of P(O) over all {M ** 5} sequences of length 5: {total:.12f}")
print(f"work for T = {T}: brute force {N ** T * T:,} products, forward about {N * N * T}")
assert abs(total - 1) < 1e-9

# %%
# 3. Underflow: the unscaled recursion on 2,000 symbols.
obs = rng.integers(0, M, 2000)
alpha = pi * B[:, obs[0]]
for o in obs[1:]:
    alpha = (alpha @ A) * B[:, o]
ll = forward_loglik(obs, pi, A, B)
print(f"\nT = 2000: unscaled P(O) = {alpha.sum()}, scaled log P(O) = {ll:.1f}")
assert alpha.sum() == 0.0 and np.isfinite(ll)

# %%
# 4. Dishonest casino: a fair die, and a loaded one that shows 6 half the time. The casino
# switches to the loaded die with probability 0.02 per roll and back with probability 0.05.
pi = np.array([5 / 7, 2 / 7])
A = np.array([[0.98, 0.02], [0.05, 0.95]])
B = np.array([np.full(6, 1 / 6), np.r_[np.full(5, 0.1), 0.5]])
states = [rng.choice(2, p=pi)]
for _ in range(4999):
    states.append(rng.choice(2, p=A[states[-1]]))
states = np.array(states)
rolls = np.array([rng.choice(6, p=B[s]) for s in states])
path, _ = viterbi(rolls, pi, A, B)
acc_viterbi = np.mean(np.array(path) == states)
acc_single = np.mean((rolls == 5) == states)   # each roll alone: a 6 means "loaded"
print(f"\ncasino, 5,000 rolls: Viterbi accuracy {acc_viterbi:.3f}, roll-by-roll {acc_single:.3f}")
assert acc_viterbi > 0.84 and acc_viterbi > acc_single + 0.09
