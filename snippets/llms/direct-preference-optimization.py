"""Direct preference optimisation on a discrete policy: loss, gradient, optimum, failure modes.

Computes the DPO loss and its analytic gradient on toy preference pairs and checks the gradient
by finite differences, showing that each pair is weighted by how wrongly the implicit reward
ranks it. Minimises the population DPO loss under Bradley-Terry preferences and checks that its
minimiser is the RLHF optimum pi_ref * exp(r / beta), normalised. Then shows two failure modes
and a fix: with deterministic preferences the DPO margin grows without bound while IPO's
squared loss settles at 1 / (2 tau), and with shared parameters DPO can lower the likelihood of
the chosen response while it raises the margin.
"""

# %%
# Policy over K = 6 responses to one prompt: pi = softmax(theta). The implicit reward is
# r_hat(y) = beta log(pi(y) / pi_ref(y)); the DPO loss of a pair (w, l) is
# -log sigmoid(r_hat(w) - r_hat(l)). Its gradient is
# -beta sigmoid(r_hat(l) - r_hat(w)) (grad log pi(w) - grad log pi(l)).
import os

import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, log_expit, logsumexp

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

K, beta = 6, 0.1
log_ref = np.log(rng.dirichlet(np.full(K, 2.0)))


def implicit_reward(theta, log_ref=log_ref, beta=beta):
    return beta * (theta - logsumexp(theta) - log_ref)


def dpo_loss_grad(theta, w, l, beta=beta):
    """Mean DPO loss over pairs (w[k] preferred to l[k]) and its gradient in the logits."""
    r_hat = implicit_reward(theta, beta=beta)
    margin = r_hat[w] - r_hat[l]
    weight = expit(-margin)                       # sigmoid(r_hat(l) - r_hat(w))
    # d log pi(y) / d theta = e_y - pi, so the pi terms cancel in the difference
    grad = -beta * (np.bincount(w, weight, K) - np.bincount(l, weight, K)) / len(w)
    return -log_expit(margin).mean(), grad, weight


theta = rng.normal(0, 5, K)
w = np.array([0, 0, 1, 2, 3, 4])
l = np.array([1, 2, 2, 5, 5, 0])
loss, grad, weight = dpo_loss_grad(theta, w, l)
eps = 1e-6
fd = np.array([(dpo_loss_grad(theta + eps * e, w, l)[0] - dpo_loss_grad(theta - eps * e, w, l)[0])
               / (2 * eps) for e in np.eye(K)])
print(f"DPO loss {loss:.4f}; max |analytic - finite-difference gradient| = {np.abs(grad - fd).max():.1e}")
assert np.abs(grad - fd).max() < 1e-9
r_hat = implicit_reward(theta)
print("pair (w > l)   implicit margin   weight sigmoid(-margin)")
for k in np.argsort(weight)[::-1]:
    print(f"  {w[k]} > {l[k]}        {r_hat[w[k]] - r_hat[l[k]]:+14.4f}   {weight[k]:14.3f}")
# Each pair's own gradient, by finite differences on its loss alone, in the chosen logit: it is
# beta times the weight, so pairs ranked the wrong way (margin < 0) pull harder than right ones.
pull = np.array([-(dpo_loss_grad(theta + eps * np.eye(K)[w[k]], w[k:k + 1], l[k:k + 1])[0]
                   - dpo_loss_grad(theta - eps * np.eye(K)[w[k]], w[k:k + 1], l[k:k + 1])[0]) / (2 * eps)
                 for k in range(len(w))])
assert np.allclose(pull, beta * weight, atol=1e-8)
wrong = r_hat[w] < r_hat[l]
assert wrong.any() and (~wrong).any() and pull[wrong].min() > 0.5 * beta > pull[~wrong].max()

# %%
# The DPO optimum is the RLHF optimum. Preferences follow Bradley-Terry with true rewards r;
# pairs are drawn from pi_ref. The population DPO loss sums, over all pairs, the cross-entropy
# between the true preference probability and sigmoid(margin). Its minimiser should be
# pi* = pi_ref exp(r / beta) / Z, the maximiser of E[r] - beta KL(pi || pi_ref).
r = rng.normal(0, 0.3, K)
ii, jj = np.triu_indices(K, 1)
pair_w = np.exp(log_ref[ii] + log_ref[jj])           # how often each pair is compared
p_true = expit(r[ii] - r[jj])                         # P(i preferred to j)


def population_loss(theta):
    r_hat = implicit_reward(theta)
    m = r_hat[ii] - r_hat[jj]
    loss = -(pair_w * (p_true * log_expit(m) + (1 - p_true) * log_expit(-m))).sum()
    g_m = -pair_w * (p_true - expit(m)) * beta       # d loss / d(margin / beta)
    return loss, np.bincount(ii, g_m, K) - np.bincount(jj, g_m, K)


res = minimize(population_loss, np.zeros(K), jac=True, method="BFGS", options={"gtol": 1e-12})
pi_dpo = np.exp(res.x - logsumexp(res.x))
pi_star = np.exp(log_ref + r / beta - logsumexp(log_ref + r / beta))
print("\nresponse   pi_ref   pi_DPO   pi_ref exp(r/beta)/Z")
for k in range(K):
    print(f"{k:8d}   {np.exp(log_ref[k]):6.3f}   {pi_dpo[k]:6.3f}   {pi_star[k]:20.3f}")
print(f"max |pi_DPO - pi*| = {np.abs(pi_dpo - pi_star).max():.1e}")
assert np.abs(pi_dpo - pi_star).max() < 1e-6
assert np.abs(pi_dpo - np.exp(log_ref)).max() > 0.05            # it really moved away from pi_ref

# %%
# Deterministic preferences. One pair, always labelled the same way (an empirical preference of
# 1). The DPO loss keeps falling as the margin grows, so gradient descent pushes the margin,
# and the log-ratio of the rejected response, without bound whatever beta is. IPO regresses the
# log-ratio margin h = log(pi(w) pi_ref(l) / (pi(l) pi_ref(w))) onto 1 / (2 tau) and stops there.
tau, lr = 0.1, 1.0
checkpoints, margins = (10, 100, 1_000, 10_000), {"DPO": [], "IPO": []}
dlog_ref = log_ref[0] - log_ref[1]
for name in margins:
    t0 = t1 = 0.0                 # the logits of the chosen (0) and rejected (1) response; the
    for step in range(1, checkpoints[-1] + 1):     # gradient never touches the other logits
        h = (t0 - t1) - dlog_ref                    # log-ratio margin
        if name == "DPO":                           # d/dtheta of -log sigmoid(beta h)
            g = -beta * expit(-beta * h)
        else:                                       # d/dtheta of (h - 1/(2 tau))^2
            g = 0.01 * 2 * (h - 1 / (2 * tau))
        t0, t1 = t0 - lr * g, t1 + lr * g
        if step in checkpoints:
            margins[name].append((t0 - t1) - dlog_ref)
# the two-logit loop is the full-vector DPO update: check one step against dpo_loss_grad
full = dpo_loss_grad(np.zeros(K), np.array([0]), np.array([1]))[1]
assert np.isclose(full[0], -beta * expit(beta * dlog_ref)) and np.allclose(full[2:], 0)
print(f"\nlog-ratio margin h after   {'   '.join(f'{c:>7,d}' for c in checkpoints)} steps")
for name, hs in margins.items():
    print(f"{name:<25} " + "   ".join(f"{v:7.2f}" for v in hs))
assert np.all(np.diff(margins["DPO"]) > 1.0)                      # still growing ...
assert abs(margins["DPO"][-1] - margins["DPO"][-2] - np.log(10) / beta) < 1.0   # ... by ln(10)/beta a decade
assert abs(margins["IPO"][-1] - 1 / (2 * tau)) < 1e-9 and abs(margins["IPO"][-2] - 1 / (2 * tau)) < 1e-9

# %%
# Shared parameters: a log-linear policy pi(y) proportional to exp(theta . phi(y)). The chosen and
# rejected responses share most features; DPO raises their margin by lowering the shared
# direction, which also lowers the chosen response's own likelihood ("likelihood displacement").
phi = np.array([[1.0, 0.5],      # chosen
                [1.0, 1.0],      # rejected
                [0.2, 0.0],      # two responses outside the data
                [0.0, 0.1]])
ref_theta = np.array([1.0, 1.0])


def log_pi(th):
    z = phi @ th
    return z - logsumexp(z)


th = ref_theta.copy()
history = []
for step in range(2_000):
    lp, lp_ref = log_pi(th), log_pi(ref_theta)
    margin = beta * ((lp[0] - lp_ref[0]) - (lp[1] - lp_ref[1]))
    th += beta * expit(-margin) * (phi[0] - phi[1])   # gradient step on -log sigmoid(margin)
    history.append((margin, log_pi(th)[0] - lp_ref[0]))
margin_end, chosen_shift = history[-1]
print(f"\nlog-linear policy after DPO: margin {margin_end:.2f}, "
      f"change in log pi(chosen) {chosen_shift:+.2f}, mass outside the pair "
      f"{np.exp(log_pi(th))[2:].sum():.2f} (was {np.exp(log_pi(ref_theta))[2:].sum():.2f})")
assert margin_end > 1.0 and chosen_shift < -1.0
assert round(margin_end, 1) == 1.5 and round(chosen_shift, 1) == -12.6   # no randomness here
assert np.exp(log_pi(th))[2:].sum() > 0.95 and np.exp(log_pi(ref_theta))[2:].sum() < 0.2   # "almost all"

# %%
# Figure: the margin under DPO keeps growing with training steps; IPO's settles at 1 / (2 tau).
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Log-ratio margin between the chosen and rejected response against training steps on "
        "a deterministic preference, log scale: DPO's margin keeps growing, IPO's levels off at 5")
ax.plot(checkpoints, margins["DPO"], "o-", label="DPO")
ax.plot(checkpoints, margins["IPO"], "s-", label="IPO (tau = 0.1)")
ax.set_xscale("log")
ax.set_xlabel("gradient steps")
ax.set_ylabel("log-ratio margin h")
ax.legend(frameon=False)
fig.tight_layout()
plt.show()
