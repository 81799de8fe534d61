"""GRPO on a toy "reasoning" task with a verifiable reward.

Computes group-normalised advantages and checks them (zero mean and unit standard deviation in
every group; a group whose rewards are all equal gives advantages of zero and an exactly zero
policy gradient). Compares the predicted share of such zero-signal groups, p^G + (1 - p)^G, with
simulation, checks the k3 KL estimator used by GRPO, checks the analytic gradient of the GRPO
objective by finite differences, and trains a policy over candidate answers to 60 questions:
the probability of the correct answer rises, slowest on the questions the model rarely solves.
"""

# %%
# Group-relative advantages. For each question, sample G answers, score each with a verifier
# (1 if correct, else 0) and normalise within the group: A_i = (r_i - mean(r)) / std(r). The
# group mean replaces PPO's learned value model as the baseline.
import os

import matplotlib.pyplot as plt
import numpy as np
from scipy.special import logsumexp
from scipy.stats import zscore

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)
EPS_STD = 1e-4                                     # added to the std, as implementations do


def group_advantages(rewards):
    """rewards: (questions, G). Population std; some implementations use the sample std."""
    mean = rewards.mean(axis=1, keepdims=True)
    std = rewards.std(axis=1, keepdims=True)
    return (rewards - mean) / (std + EPS_STD)


G = 8
rewards = (rng.random((6, G)) < np.array([[0.1], [0.3], [0.5], [0.7], [0.0], [1.0]])).astype(float)
rewards[0, 0] = 1.0                                # make sure group 0 has a correct answer
adv = group_advantages(rewards)
varied = rewards.std(axis=1) > 0
print("group rewards        advantages")
for r_row, a_row in zip(rewards, adv):
    print(f"{''.join(str(int(x)) for x in r_row)}      " + " ".join(f"{a:+.2f}" for a in a_row))
assert np.allclose(adv.mean(axis=1), 0, atol=1e-12)
assert np.allclose(adv[varied].std(axis=1), 1, atol=1e-3)
assert np.allclose(adv[varied], zscore(rewards[varied], axis=1), atol=1e-3)
assert np.all(adv[~varied] == 0)                   # all-equal groups carry no signal

# %%
# How often is a group all-correct or all-wrong? With per-answer success probability p, the
# chance is p^G + (1 - p)^G: most groups are wasted on questions that are far too hard or too
# easy. Simulated with 20,000 groups per p.
print(f"\np(correct)   P(zero-variance group), G = {G}: formula   simulated")
for p in (0.02, 0.1, 0.3, 0.5, 0.9, 0.98):
    sims = rng.random((20_000, G)) < p
    simulated = np.mean(sims.all(axis=1) | ~sims.any(axis=1))
    formula = p ** G + (1 - p) ** G
    print(f"{p:10.2f}   {formula:33.3f}   {simulated:9.3f}")
    assert abs(simulated - formula) < 4 * np.sqrt(formula * (1 - formula) / 20_000) + 1e-9
assert round(0.02 ** G + 0.98 ** G, 2) == 0.85 and 0.5 ** G + 0.5 ** G < 0.01   # 85 %, under 1 %

# Dividing by the group std scales the signal by difficulty: with k correct answers out of 8,
# a correct answer's advantage is (1 - k/8) / std, largest for rarely or almost always solved
# questions. Dr. GRPO drops the std division and keeps only the mean baseline.
print("\ncorrect of 8   advantage of a correct answer: mean only   mean and std")
for k in (1, 2, 4, 6, 7):
    r_k = np.r_[np.ones(k), np.zeros(G - k)][None, :]
    print(f"{k:12d}   {(r_k - r_k.mean())[0, 0]:38.3f}   {group_advantages(r_k)[0, 0]:12.3f}")
lone = np.r_[1.0, np.zeros(7)][None]
assert (lone - lone.mean())[0, 0] == 0.875 and np.isclose(zscore(lone, axis=1)[0, 0], np.sqrt(7))
assert abs(group_advantages(lone)[0, 0] / np.sqrt(7) - 1) < 1e-3   # 2.65, up to EPS_STD

# %%
# The KL term. GRPO adds beta * KL(pi || pi_ref) to the loss, estimated per sample with
# k3 = pi_ref/pi - log(pi_ref/pi) - 1, which is never negative and is unbiased for samples
# drawn from pi. The naive estimate log(pi/pi_ref) is unbiased too but often negative.
K = 6
pi = rng.dirichlet(np.ones(K))
pi_ref = rng.dirichlet(np.ones(K))
true_kl = pi @ np.log(pi / pi_ref)
draws = rng.choice(K, size=200_000, p=pi)
x = pi_ref[draws] / pi[draws]
k1, k3 = -np.log(x), x - np.log(x) - 1
print(f"\nKL(pi || pi_ref) = {true_kl:.4f}; mean k1 {k1.mean():.4f} (negative for {np.mean(k1 < 0):.0%} "
      f"of samples), mean k3 {k3.mean():.4f} (never negative)")
assert abs(k3.mean() - true_kl) < 4 * k3.std() / np.sqrt(k3.size)
assert abs(k1.mean() - true_kl) < 4 * k1.std() / np.sqrt(k1.size)
assert k3.min() >= 0 and np.mean(k1 < 0) > 0.05
if SEED == 0:
    assert round(np.mean(k1 < 0), 2) == 0.25


# %%
# The GRPO objective for one batch, with each answer a single action (a "sequence" of one token):
# J = mean over answers of min(rho A, clip(rho, 1 - eps, 1 + eps) A) - beta k3, with
# rho = pi(o) / pi_old(o). Analytic gradient with respect to the logits, checked numerically.
def softmax(z):
    return np.exp(z - logsumexp(z, axis=-1, keepdims=True))


def grpo_objective(theta, theta_old, theta_ref, answers, adv, beta=0.04, clip=0.2):
    """Objective and gradient; theta: (questions, K) logits, answers and adv: (questions, G)."""
    q_idx = np.arange(theta.shape[0])[:, None]
    pi, pi_old, pi_ref = softmax(theta), softmax(theta_old), softmax(theta_ref)
    p_o = pi[q_idx, answers]
    rho = p_o / pi_old[q_idx, answers]
    x = pi_ref[q_idx, answers] / p_o
    surrogate = np.minimum(rho * adv, np.clip(rho, 1 - clip, 1 + clip) * adv)
    value = (surrogate - beta * (x - np.log(x) - 1)).mean()
    active = np.where(adv >= 0, rho < 1 + clip, rho > 1 - clip)        # unclipped terms
    coef = np.where(active, rho * adv, 0.0) + beta * (x - 1)           # times d log pi(o)
    coef /= answers.size
    onehot = np.zeros(answers.shape + (theta.shape[1],))
    np.put_along_axis(onehot, answers[..., None], 1.0, axis=-1)
    grad = (coef[..., None] * (onehot - pi[:, None, :])).sum(axis=1)
    return value, grad


theta_ref = rng.normal(0, 1, (3, K))
theta_old = theta_ref + rng.normal(0, 0.3, (3, K))
theta = theta_old + rng.normal(0, 0.3, (3, K))
answers = np.array([rng.choice(K, G, p=p_) for p_ in softmax(theta_old)])
adv_small = group_advantages((answers == 0).astype(float) + (answers == 1))
_, grad = grpo_objective(theta, theta_old, theta_ref, answers, adv_small)
fd = np.zeros_like(theta)
for idx in np.ndindex(theta.shape):
    e = np.zeros_like(theta)
    e[idx] = 1e-6
    fd[idx] = (grpo_objective(theta + e, theta_old, theta_ref, answers, adv_small)[0]
               - grpo_objective(theta - e, theta_old, theta_ref, answers, adv_small)[0]) / 2e-6
print(f"\nmax |analytic - finite-difference gradient| of the GRPO objective: {np.abs(grad - fd).max():.1e}")
assert np.abs(grad - fd).max() < 1e-8

# A zero-variance group contributes no policy-gradient term at all (only the KL term remains,
# and that vanishes while the policy equals the reference).
flat = np.ones((1, G))
_, g_flat = grpo_objective(theta_ref[:1], theta_ref[:1], theta_ref[:1], answers[:1],
                           group_advantages(flat))
assert np.all(g_flat == 0)

# %%
# Training. 60 questions, 6 candidate answers each, one of them correct. The "base model"
# solves question q with probability between 1 % and 60 %. Each step samples G = 8 answers per
# question from the current policy, rewards correct ones, and takes two gradient-ascent steps on
# the GRPO objective (beta = 0.04, clip 0.2).
n_q = 60
p0 = np.geomspace(0.01, 0.6, n_q)
correct = rng.integers(K, size=n_q)
theta_ref = rng.normal(0, 0.5, (n_q, K))
for q in range(n_q):                               # set the base model's p(correct) to p0[q]
    others = np.delete(np.arange(K), correct[q])
    theta_ref[q, correct[q]] = logsumexp(theta_ref[q, others]) + np.log(p0[q] / (1 - p0[q]))
theta = theta_ref.copy()
steps, lr = 300, 0.5 * n_q               # objective averages over questions: rescale per question
history, zero_share = [], []
for step in range(steps + 1):
    p_correct = softmax(theta)[np.arange(n_q), correct]
    history.append(p_correct)
    if step == steps:
        break
    answers = np.array([rng.choice(K, G, p=p_) for p_ in softmax(theta)])
    rewards = (answers == correct[:, None]).astype(float)
    zero_share.append(np.mean(rewards.std(axis=1) == 0))
    adv = group_advantages(rewards)
    theta_old = theta.copy()
    for _ in range(2):
        theta = theta + lr * grpo_objective(theta, theta_old, theta_ref, answers, adv)[1]
history = np.array(history)
hard, easy = p0 < 0.05, p0 > 0.3
print("\nstep   mean p(correct)   base p < 0.05   base p > 0.3   zero-variance groups (last 10 steps)")
for step in (0, 10, 25, 50, 100, 300):
    zs = np.mean(zero_share[max(0, step - 10):max(step, 1)])
    print(f"{step:4d}   {history[step].mean():15.3f}   {history[step][hard].mean():13.3f}   "
          f"{history[step][easy].mean():12.3f}   {zs:20.2f}")
assert history[0].mean() < 0.25 and history[-1].mean() > 0.95
assert history[25][easy].mean() > 0.9 and history[25][hard].mean() < history[25][easy].mean() - 0.3
assert np.mean(zero_share[:5]) > 0.3 and 0.85 < np.mean(zero_share[-10:]) < 0.95   # about nine in ten

# %%
# Figure: probability of the correct answer during training, for easy and hard questions.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Probability of the correct answer against GRPO steps: questions the base model solved "
        "more than 30 % of the time rise to near 1 within 25 steps; questions it solved less than "
        "5 % of the time rise later")
ax.set_xscale("symlog", linthresh=10)
ax.plot(history[:, easy].mean(axis=1), label="base p(correct) > 0.3")
ax.plot(history.mean(axis=1), label="all 60 questions")
ax.plot(history[:, hard].mean(axis=1), label="base p(correct) < 0.05")
ax.set_xlabel("GRPO step")
ax.set_ylabel("mean p(correct answer)")
ax.set_ylim(0, 1.02)
ax.legend(frameon=False, loc="lower right")
fig.tight_layout()
plt.show()
