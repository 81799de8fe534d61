"""The RLHF pipeline on small discrete problems: reward model, KL-regularised optimum, PPO, Goodhart.

Fits a Bradley-Terry reward model to synthetic pairwise preferences and checks that it recovers
the true rewards up to a shift (and a scale set by label noise). Checks that the optimum of
expected reward minus beta * KL(pi || pi_ref) is pi_ref * exp(r / beta), normalised, against
numerical optimisation, and shows what beta trades off. Runs PPO with a per-sample KL penalty
and checks that it converges to the same optimum. Finally, optimises a reward model that learned
a spurious length preference and shows the true reward rising, then falling, as the KL grows.
"""

# %%
# Bradley-Terry reward model: P(i preferred to j) = sigmoid(r_i - r_j). Eight responses with
# true rewards r; 4,000 labelled comparisons of random pairs. The negative log-likelihood is
# convex; it only sees differences, so a tiny ridge term pins the free shift.
import os

import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, logsumexp
from sklearn.linear_model import LogisticRegression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)


def fit_bradley_terry(n, i, j, y, ridge=1e-6):
    """Maximum-likelihood rewards from comparisons (i, j) with y = 1 when i won."""
    def nll(r):
        d = r[i] - r[j]
        loss = np.logaddexp(0, -d) * y + np.logaddexp(0, d) * (1 - y)
        resid = y - expit(d)                          # d(-loss)/d(d)
        grad = np.zeros(n)
        np.add.at(grad, i, -resid)
        np.add.at(grad, j, resid)
        return loss.sum() + ridge * r @ r, grad + 2 * ridge * r
    return minimize(nll, np.zeros(n), jac=True, method="L-BFGS-B", options={"gtol": 1e-10}).x


def comparisons(r, m, temperature=1.0):
    i, j = rng.integers(len(r), size=(2, m))
    keep = i != j
    i, j = i[keep], j[keep]
    y = (rng.random(i.size) < expit((r[i] - r[j]) / temperature)).astype(float)
    return i, j, y


n = 8
r_true = rng.normal(0, 1, n)
i, j, y = comparisons(r_true, 4_000)
r_hat = fit_bradley_terry(n, i, j, y)
# Standard errors from the Fisher information on the sum-zero subspace (pseudo-inverse).
p = expit(r_hat[i] - r_hat[j])
info = np.zeros((n, n))
for a_, b_, w in zip(i, j, p * (1 - p)):
    info[np.ix_([a_, b_], [a_, b_])] += w * np.array([[1, -1], [-1, 1]])
se = np.sqrt(np.diag(np.linalg.pinv(info, rcond=1e-10, hermitian=True)))
true_c, hat_c = r_true - r_true.mean(), r_hat - r_hat.mean()
z = (hat_c - true_c) / se
print("response   true r (centred)   fitted r (centred)   std. error")
for k in range(n):
    print(f"{k:8d}   {true_c[k]:16.3f}   {hat_c[k]:18.3f}   {se[k]:10.3f}")
print(f"largest |error| / se = {np.abs(z).max():.2f}")
assert np.abs(z).max() < 4 and np.corrcoef(true_c, hat_c)[0, 1] > 0.98

# The scale is set by label noise: labels twice as noisy (temperature 2) halve the fitted rewards.
i2, j2, y2 = comparisons(r_true, 4_000, temperature=2.0)
r_noisy = fit_bradley_terry(n, i2, j2, y2)
slope = np.polyfit(true_c, r_noisy - r_noisy.mean(), 1)[0]
print(f"with labels at temperature 2 the fitted rewards have slope {slope:.2f} against the truth")
assert 0.4 < slope < 0.6

# %%
# The KL-regularised objective J(pi) = E_pi[r] - beta KL(pi || pi_ref) over 10 actions.
# Closed form: pi* = pi_ref exp(r / beta) / Z, with optimal value beta log Z. Check against a
# numerical maximisation over the logits (L-BFGS from uniform logits).
K = 10
pi_ref = rng.dirichlet(np.ones(K))
r = rng.normal(0, 1, K)


def neg_objective(logits, beta):
    """-J and its gradient with respect to the logits: dJ/dz = pi * (g - pi . g)."""
    logpi = logits - logsumexp(logits)
    pi = np.exp(logpi)
    g = r - beta * (logpi - np.log(pi_ref))
    return -(pi @ g), -pi * (g - pi @ g)


def closed_form(beta, reward=r, log_ref=None):
    log_ref = np.log(pi_ref) if log_ref is None else log_ref
    lp = log_ref + reward / beta
    return np.exp(lp - logsumexp(lp))


print("\nbeta    E[r] under pi*   KL(pi* || pi_ref)   max |pi* - numeric|")
stats = []
for beta in (0.03, 0.1, 0.3, 1.0, 3.0, 10.0):
    z0 = np.zeros(K)
    for _ in range(5):                                # restarts refresh the curvature estimate
        res = minimize(neg_objective, z0, args=(beta,), jac=True, method="BFGS",
                       options={"gtol": 1e-13, "maxiter": 10_000})
        z0 = res.x
    numeric = np.exp(res.x - logsumexp(res.x))
    star = closed_form(beta)
    kl = star @ np.log(star / pi_ref)
    gap = np.abs(numeric - star).max()
    stats.append((beta, star @ r, kl))
    print(f"{beta:5.2f}   {star @ r:14.3f}   {kl:17.3f}   {gap:19.1e}")
    assert gap < 1e-5
    assert np.isclose(-res.fun, beta * logsumexp(np.log(pi_ref) + r / beta), atol=1e-8)
rewards, kls = np.array([s[1] for s in stats]), np.array([s[2] for s in stats])
assert np.all(np.diff(rewards) < 0) and np.all(np.diff(kls) < 0)   # larger beta: less of both
assert closed_form(1e-3).max() > 0.99 and np.argmax(closed_form(1e-3)) == np.argmax(r)
assert np.abs(closed_form(1e3) - pi_ref).max() < 1e-3

# %%
# PPO with the KL penalty folded into the reward, as in InstructGPT: each sampled action gets
# r(a) - beta log(pi_old(a) / pi_ref(a)). Advantage = that minus the batch mean; several epochs
# of the clipped surrogate per batch. The policy should approach the closed-form pi*.
beta, clip, lr = 0.3, 0.2, 0.5
theta = np.log(pi_ref).copy()
target = closed_form(beta)
for it in range(400):
    pi_old = np.exp(theta - logsumexp(theta))
    acts = rng.choice(K, size=512, p=pi_old)
    shaped = r[acts] - beta * np.log(pi_old[acts] / pi_ref[acts])
    adv = shaped - shaped.mean()
    for _ in range(4):
        pi = np.exp(theta - logsumexp(theta))
        ratio = pi[acts] / pi_old[acts]
        active = np.where(adv >= 0, ratio < 1 + clip, ratio > 1 - clip)   # unclipped terms
        coef = np.where(active, adv * ratio, 0.0)                          # d(ratio)/d(logit) = ratio (e_a - pi)
        grad = np.bincount(acts, weights=coef, minlength=K) - coef.sum() * pi
        theta += lr * grad / len(acts)
pi_ppo = np.exp(theta - logsumexp(theta))
tv = 0.5 * np.abs(pi_ppo - target).sum()
tv_start = 0.5 * np.abs(pi_ref - target).sum()
print(f"\nPPO, beta = {beta}: total variation to pi* {tv_start:.3f} at the start, {tv:.3f} after 400 iterations")
assert tv < 0.02 and tv < 0.05 * tv_start

# %%
# Reward over-optimisation. 300 responses with a quality q and a length L. The true reward rises
# with length up to about 3.3 and then falls: r = q + L - 0.15 L^2. The reference policy
# rarely writes long answers, so in its samples longer is better, and a reward model that is
# linear in (q, L), fitted to 2,000 preferences between reference samples, learns "longer is
# better". Optimising it harder (smaller beta, larger KL) raises the proxy reward all the way,
# while the true reward peaks and then collapses.
m = 300
q = rng.normal(0, 0.7, m)
length = rng.uniform(0, 10, m)
gold = q + length - 0.15 * length ** 2
log_ref = -0.8 * length + rng.normal(0, 0.5, m)
log_ref -= logsumexp(log_ref)
a_idx = rng.choice(m, 2_000, p=np.exp(log_ref))
b_idx = rng.choice(m, 2_000, p=np.exp(log_ref))
won = rng.random(2_000) < expit(gold[a_idx] - gold[b_idx])
feats = np.c_[q, length]
rm = LogisticRegression(fit_intercept=False, C=1e4).fit(feats[a_idx] - feats[b_idx], won)
w_q, w_len = rm.coef_[0]
proxy = feats @ rm.coef_[0]
print(f"\nreward model weights: quality {w_q:.2f}, length {w_len:.2f}; "
      f"mean length under pi_ref {np.exp(log_ref) @ length:.2f}")
curve = []
for b in np.geomspace(5, 0.02, 30):
    pi_b = closed_form(b, proxy, log_ref)
    curve.append((pi_b @ (np.log(pi_b) - log_ref), pi_b @ proxy, pi_b @ gold, pi_b @ length))
curve = np.array(curve)
kl_c, proxy_c, gold_c, len_c = curve.T
peak = gold_c.argmax()
print("KL(pi || pi_ref)   proxy reward   true reward   mean length")
for row in curve[::4]:
    print(f"{row[0]:16.2f}   {row[1]:12.2f}   {row[2]:11.2f}   {row[3]:11.2f}")
print(f"true reward peaks at KL {kl_c[peak]:.2f} ({gold_c[peak]:.2f}); at KL {kl_c[-1]:.2f} it is {gold_c[-1]:.2f}")
assert w_len > 0.1                                     # the spurious length preference
assert np.all(np.diff(proxy_c) > -1e-9) and np.all(np.diff(kl_c) > 0)
assert 0 < peak < len(curve) - 1 and gold_c[-1] < gold_c[peak] - 0.5
assert len_c[-1] > 5                                   # the optimised policy writes long answers
if SEED == 0:                                          # the run described on the page
    gold_ref = np.exp(log_ref) @ gold                  # the reference policy's own true reward
    assert gold_c[-1] < gold_ref and 0.5 < kl_c[peak] < 1.5 and abs(w_len - 0.30) < 0.005

# %%
# Figure: proxy and true reward against the KL from the reference policy.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Proxy reward and true reward of the KL-regularised optimum against its KL divergence "
        "from the reference policy: the proxy reward keeps rising, the true reward rises, "
        "peaks at moderate KL and then falls")
ax.plot(kl_c, proxy_c, label="proxy (reward model)")
ax.plot(kl_c, gold_c, label="true reward")
ax.axvline(kl_c[peak], color="grey", linestyle="--", linewidth=1)
ax.set_xlabel("KL(pi || pi_ref), nats")
ax.set_ylabel("expected reward")
ax.legend(frameon=False)
fig.tight_layout()
plt.show()
