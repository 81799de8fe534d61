"""The variational autoencoder's objective, checked on a model where everything is exact.

For a linear-Gaussian decoder (probabilistic PCA) the marginal likelihood, the true posterior
and the ELBO all have closed forms. The program checks that log p(x) - ELBO equals the KL
divergence from the encoder's q(z|x) to the true posterior, compares reparameterised and
score-function gradient estimates, then trains a linear VAE with reparameterised stochastic
gradients (written out by hand) and watches its ELBO approach the maximum log-likelihood,
with one unneeded latent dimension collapsing to the prior.
"""

# %%
# Data from a probabilistic PCA model: 2 latent factors, 6 observed dimensions,
# x = W z + mu + noise. The VAE gets 3 latent dimensions, one more than it needs.
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
D, k_true, k = 6, 2, 3
W_true = rng.normal(size=(D, k_true)) * np.array([2.0, 1.0])
X = rng.normal(size=(2000, k_true)) @ W_true.T + rng.normal(size=D) + 0.5 * rng.normal(size=(2000, D))
N = len(X)

# Tipping and Bishop's closed form: the maximum log-likelihood per point of a q-factor model
# depends only on the eigenvalues of the sample covariance.
evals = np.sort(np.linalg.eigvalsh(np.cov(X.T, bias=True)))[::-1]
noise_mle = evals[k:].mean()
max_loglik = -0.5 * (D * np.log(2 * np.pi) + np.log(evals[:k]).sum() + (D - k) * np.log(noise_mle) + D)

# %%
# A linear VAE. Decoder p(x|z) = N(W z + b, s2 I). Encoder q(z|x) = N(V x + c, diag(exp(2 rho))).
# ELBO = E_q[log p(x|z)] - KL(q(z|x) || N(0, I)); both terms are closed-form here.


def elbo_terms(P, X):
    W, b, V, c, rho, log_s2 = P
    s2, var_q = np.exp(log_s2), np.exp(2 * rho)
    m = X @ V.T + c
    expected_sq = ((X - m @ W.T - b) ** 2).sum(1) + var_q @ (W**2).sum(0)
    rec = -0.5 * D * np.log(2 * np.pi * s2) - expected_sq / (2 * s2)
    kl_per_dim = 0.5 * (m**2 + var_q - 1 - 2 * rho)            # KL of each latent dimension
    return rec, kl_per_dim


def elbo(P, X):
    rec, kl = elbo_terms(P, X)
    return rec - kl.sum(1)


# Train with single-sample reparameterised gradients: z = m + sigma * eps, eps ~ N(0, I),
# so the sample is a differentiable function of the encoder's outputs.
W, b = rng.normal(0, 0.1, (D, k)), X.mean(0)
V, c, rho, log_s2 = np.zeros((k, D)), np.zeros(k), np.zeros(k), np.array(0.0)
P = [W, b, V, c, rho, log_s2]
m1 = [np.zeros_like(p) for p in P]
m2 = [np.zeros_like(p) for p in P]
steps, batch, history = 8000, 200, []
for t in range(1, steps + 1):
    W, b, V, c, rho, log_s2 = P
    x = X[rng.integers(0, N, batch)]
    sigma, s2 = np.exp(rho), np.exp(log_s2)
    m = x @ V.T + c
    eps = rng.normal(size=(batch, k))
    z = m + sigma * eps                                       # the reparameterisation trick
    r = x - z @ W.T - b
    dz = r @ W / s2                                           # d log p(x|z) / dz
    dm = dz - m                                               # minus d KL / dm
    grads = [r.T @ z / s2 / batch, r.mean(0) / s2, dm.T @ x / batch, dm.mean(0),
             (dz * eps * sigma).mean(0) - (sigma**2 - 1),
             np.array((-D / 2 + (r**2).sum(1) / (2 * s2)).mean())]
    lr = 0.02 * (1 - t / steps) + 1e-4                        # ascent, decaying step size
    for i, g in enumerate(grads):
        m1[i] = 0.9 * m1[i] + 0.1 * g
        m2[i] = 0.999 * m2[i] + 0.001 * g**2
        P[i] = P[i] + lr * (m1[i] / (1 - 0.9**t)) / (np.sqrt(m2[i] / (1 - 0.999**t)) + 1e-8)
    if t % 100 == 0:
        history.append(elbo(P, X).mean())

final_elbo = elbo(P, X).mean()
kl_dims = elbo_terms(P, X)[1].mean(0)
print(f"maximum log-likelihood per point (closed form)   {max_loglik:.3f}")
print(f"ELBO per point after training the linear VAE     {final_elbo:.3f}")
print("KL(q || prior) per latent dimension             ", np.round(np.sort(kl_dims)[::-1], 3))
assert final_elbo <= max_loglik + 1e-6                      # a lower bound, always
assert max_loglik - final_elbo < 0.02                       # and tight at the optimum here
assert np.sort(kl_dims)[0] < 0.1 and np.sort(kl_dims)[1] > 0.5    # one dimension ~collapsed

# %%
# The ELBO gap is exactly KL(q(z|x) || p(z|x)). For this decoder the true posterior is
# N(M^-1 W^T (x - b), s2 M^-1) with M = W^T W + s2 I, and log p(x) = log N(x; b, W W^T + s2 I).
W, b, V, c, rho, log_s2 = P
s2 = np.exp(log_s2)
x0 = X[:5]
C = W @ W.T + s2 * np.eye(D)
diff = x0 - b
log_px = -0.5 * (D * np.log(2 * np.pi) + np.linalg.slogdet(C)[1]
                 + np.einsum("nd,de,ne->n", diff, np.linalg.inv(C), diff))
M = W.T @ W + s2 * np.eye(k)
post_mean, post_cov = diff @ W @ np.linalg.inv(M), s2 * np.linalg.inv(M)


def kl_gauss(m_a, S_a, m_b, S_b):
    S_b_inv = np.linalg.inv(S_b)
    d = m_b - m_a
    return 0.5 * (np.trace(S_b_inv @ S_a) + d @ S_b_inv @ d - len(m_a)
                  + np.linalg.slogdet(S_b)[1] - np.linalg.slogdet(S_a)[1])


print("\nfirst 5 points        log p(x) - ELBO                  KL(q(z|x) || p(z|x))")
encoders = {"trained encoder": (V, c, rho), "poor encoder": (0.5 * V, c + 0.3, rho + 0.7)}
for name, (V_e, c_e, rho_e) in encoders.items():
    q_mean, q_cov = x0 @ V_e.T + c_e, np.diag(np.exp(2 * rho_e))
    gap = log_px - elbo([W, b, V_e, c_e, rho_e, log_s2], x0)
    kl_to_post = np.array([kl_gauss(q_mean[i], q_cov, post_mean[i], post_cov) for i in range(5)])
    print(f"{name:<16} {np.array2string(gap, precision=3):>30}  "
          f"{np.array2string(kl_to_post, precision=3):>30}")
    assert np.allclose(gap, kl_to_post) and (gap >= 0).all()
assert gap.min() > 1.0                 # the poor encoder loses over a nat on every point

# %%
# Gradient of E_q[log p(x|z)] with respect to the encoder mean, for one data point: the
# reparameterised estimator differentiates through the sample; the score-function
# (REINFORCE) estimator multiplies log p(x|z) by d log q(z) / dm. Same mean, very different
# variance.
n_mc = 20_000
x1 = X[0]
m_1, sig = x1 @ V.T + c, np.exp(rho)
eps = rng.normal(size=(n_mc, k))
z = m_1 + sig * eps
resid = x1 - z @ W.T - b
log_lik = -0.5 * D * np.log(2 * np.pi * s2) - (resid**2).sum(1) / (2 * s2)
g_reparam = resid @ W / s2
g_score = log_lik[:, None] * eps / sig
exact = (x1 - m_1 @ W.T - b) @ W / s2
print("\ngradient of E_q[log p(x|z)] w.r.t. the encoder mean, single-sample estimators")
print("latent dim   exact   reparam mean   reparam var   score-fn mean   score-fn var")
for j in np.argsort(kl_dims)[::-1]:
    print(f"{j:10d} {exact[j]:7.2f} {g_reparam[:, j].mean():14.2f} {g_reparam[:, j].var():13.2f}"
          f" {g_score[:, j].mean():15.2f} {g_score[:, j].var():14.1f}")
assert np.allclose(g_reparam.mean(0), exact, atol=0.2)
assert (np.abs(g_score.mean(0) - exact) < 5 * g_score.std(0) / np.sqrt(n_mc)).all()   # unbiased too
assert (g_score.var(0) > 10 * g_reparam.var(0)).all()

# %%
# Figure: the ELBO during training approaches the closed-form maximum log-likelihood.
fig, ax = plt.subplots(
    figsize=(6.4, 3.4),
    num="ELBO per data point of the linear VAE against training step, rising towards and "
        "levelling off just below the dashed line of the maximum log-likelihood.")
ax.plot(np.arange(1, len(history) + 1) * 100, history, label="ELBO (whole data set)")
ax.axhline(max_loglik, color="k", ls="--", label="max log-likelihood (closed form)")
ax.set(xlabel="training step", ylabel="nats per point", ylim=(max_loglik - 1.5, max_loglik + 0.3),
       title="The ELBO is a lower bound that training pushes up")
ax.legend(fontsize=8, loc="lower right")
fig.tight_layout()
plt.show()
