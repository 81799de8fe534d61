"""Entropy, cross-entropy and KL divergence: definitions, identities and two uses in ML.

Computes the three quantities for small discrete distributions and checks the identity
H(p, q) = H(p) + KL(p || q); shows that log loss is the cross-entropy between labels and
predictions; and fits a single Gaussian to a two-peaked distribution by minimising the KL
divergence in each direction.
"""

# %%
# Discrete distributions, in bits (log base 2). For p = (1/2, 1/4, 1/8, 1/8) an optimal
# prefix code uses 1, 2, 3 and 3 bits, whose average is exactly H(p) = 1.75 bits.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy import stats
from scipy.optimize import minimize
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def entropy(p):
    p = p[p > 0]
    return float(-(p * np.log2(p)).sum())


def cross_entropy(p, q):
    return float(-(p[p > 0] * np.log2(q[p > 0])).sum())


def kl(p, q):
    return float((p[p > 0] * np.log2(p[p > 0] / q[p > 0])).sum())


p = np.array([0.5, 0.25, 0.125, 0.125])
q_uniform = np.full(4, 0.25)
q_skewed = np.array([0.1, 0.2, 0.3, 0.4])
code_lengths = np.array([1, 2, 3, 3])
print(f"H(p) = {entropy(p):.3f} bits; average optimal code length = {p @ code_lengths:.3f}")
print(f"{'q':<22} {'H(p, q)':>8} {'KL(p||q)':>9} {'KL(q||p)':>9}")
for name, q in [("uniform", q_uniform), ("(0.1, 0.2, 0.3, 0.4)", q_skewed), ("p itself", p)]:
    print(f"{name:<22} {cross_entropy(p, q):8.3f} {kl(p, q):9.3f} {kl(q, p):9.3f}")
    # H(p, q) = H(p) + KL(p || q), with H and KL from SciPy as an independent check.
    assert np.isclose(cross_entropy(p, q), stats.entropy(p, base=2) + stats.entropy(p, q, base=2))
    assert np.isclose(kl(q, p), stats.entropy(q, p, base=2))
assert np.isclose(entropy(p), 1.75) and np.isclose(p @ code_lengths, 1.75)
assert np.isclose(entropy(q_uniform), 2.0)                            # log2(4): the maximum
assert kl(p, p) == 0.0
assert abs(kl(p, q_skewed) - kl(q_skewed, p)) > 0.1                   # not symmetric

# Gibbs' inequality: KL >= 0 for random pairs of distributions, so H(p, q) >= H(p) and the
# cross-entropy is minimised by q = p.
rng = np.random.default_rng(SEED)
pairs = rng.dirichlet(np.ones(6), size=(2000, 2))
assert min(kl(a, b) for a, b in pairs) >= 0

# KL is infinite when q puts zero mass where p has some.
with np.errstate(divide="ignore"):
    assert np.isinf(kl(p, np.array([0.5, 0.5, 0.0, 0.0])))

# %%
# Log loss is cross-entropy. For each example the "true" distribution is one-hot on the label,
# so H(one-hot, q) = -log q(label); averaging over examples gives scikit-learn's log_loss
# (in nats). Minimising it is maximum likelihood, and also minimises KL(data || model).
X, y = load_breast_cancer(return_X_y=True)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=SEED, stratify=y)
model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_tr, y_tr)
proba = model.predict_proba(X_te)
one_hot = np.eye(2)[y_te]
ce_by_hand = np.mean(-(one_hot * np.log(proba)).sum(axis=1))
prior_only = np.mean(-np.log(np.where(y_te == 1, y_tr.mean(), 1 - y_tr.mean())))
print(f"\ntest log loss {log_loss(y_te, proba):.3f} nats = cross-entropy by hand "
      f"{ce_by_hand:.3f}; predicting the class prior: {prior_only:.3f}")
assert np.isclose(ce_by_hand, log_loss(y_te, proba))
assert ce_by_hand < 0.25 * prior_only

# %%
# Forward against reverse KL. Target p: an equal mixture of N(-2.5, 0.7^2) and N(2.5, 0.7^2).
# Fit q = N(mu, sigma^2) by minimising KL(p || q) ("mass-covering", as in maximum likelihood)
# and KL(q || p) ("mode-seeking", as in variational inference), by quadrature on a grid.
x = np.linspace(-9, 9, 4001)
dx = x[1] - x[0]
p_x = 0.5 * stats.norm.pdf(x, -2.5, 0.7) + 0.5 * stats.norm.pdf(x, 2.5, 0.7)


def kl_density(a, b):
    mask = a > 1e-300
    return float(np.sum(a[mask] * (np.log(a[mask]) - np.log(b[mask] + 1e-300))) * dx)


def fit(direction, start):
    def loss(theta):
        q_x = stats.norm.pdf(x, theta[0], np.exp(theta[1]))
        return kl_density(p_x, q_x) if direction == "forward" else kl_density(q_x, p_x)
    res = minimize(loss, start, method="Nelder-Mead", options=dict(xatol=1e-4, fatol=1e-8))
    return res.x[0], np.exp(res.x[1]), res.fun


fwd_mu, fwd_sigma, fwd_kl = fit("forward", [0.5, 0.0])
rev_mu, rev_sigma, rev_kl = fit("reverse", [1.0, 0.0])
mix_sd = np.sqrt(0.7 ** 2 + 2.5 ** 2)               # standard deviation of the mixture
print(f"\nforward KL(p||q): mu = {fwd_mu:+.2f}, sigma = {fwd_sigma:.2f} "
      f"(mixture mean 0, sd {mix_sd:.2f})")
print(f"reverse KL(q||p): mu = {rev_mu:+.2f}, sigma = {rev_sigma:.2f} (one component: 2.5, 0.7)")
assert abs(fwd_mu) < 0.01 and abs(fwd_sigma - mix_sd) < 0.01     # moment matching
assert abs(rev_mu - 2.5) < 0.05 and abs(rev_sigma - 0.7) < 0.05  # locks onto one mode

fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="A two-peaked target density with two Gaussian fits: minimising forward KL gives a "
        "wide Gaussian covering both peaks, minimising reverse KL gives a narrow Gaussian on "
        "one peak")
ax.fill_between(x, p_x, color="0.85", label="target p (two peaks)")
ax.plot(x, stats.norm.pdf(x, fwd_mu, fwd_sigma), "C0", label="argmin KL(p || q): covers both")
ax.plot(x, stats.norm.pdf(x, rev_mu, rev_sigma), "C3--", label="argmin KL(q || p): picks one")
ax.set_xlim(-7, 7)
ax.set_xlabel("x")
ax.set_ylabel("density")
ax.legend(fontsize=8, loc="upper left")
fig.tight_layout()
plt.show()
