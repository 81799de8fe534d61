"""A denoising diffusion model (DDPM) on a 1-D two-component mixture, in NumPy.

The forward process adds Gaussian noise over 1,000 steps until the data are standard normal;
its marginal at any step has a closed form. A noise predictor is fitted with the DDPM loss
(here a ridge regression on Gaussian bumps in x and time stands in for the usual U-Net), and
compared with the exact optimal predictor, which for mixture data is known through the score.
Ancestral (DDPM) sampling and the deterministic DDIM sampler then turn noise into data.
"""

# %%
# Data and noise schedule: linear betas from 1e-4 to 0.02 over T = 1000 steps (as in Ho et
# al., 2020); alpha_bar_t is the product of (1 - beta) up to t.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import norm, wasserstein_distance

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
weights, means, sds = np.array([0.3, 0.7]), np.array([-2.0, 1.5]), np.array([0.3, 0.5])


def sample_data(n):
    k = rng.choice(2, size=n, p=weights)
    return rng.normal(means[k], sds[k])


T = 1000
beta = np.linspace(1e-4, 0.02, T)
alpha = 1 - beta
alpha_bar = np.cumprod(alpha)

# %%
# Forward process. Running the chain x_t = sqrt(1 - beta_t) x_{t-1} + sqrt(beta_t) noise step by
# step gives the same distribution as the one-shot formula
# x_t = sqrt(alpha_bar_t) x_0 + sqrt(1 - alpha_bar_t) eps, which is what training uses.
x0 = sample_data(20_000)
x = x0.copy()
print("step t   alpha_bar   mean (chain / formula)   std (chain / formula)")
for t in range(T):
    x = np.sqrt(alpha[t]) * x + np.sqrt(beta[t]) * rng.normal(size=x.size)
    if t + 1 in (10, 250, 1000):
        ab = alpha_bar[t]
        m_formula = np.sqrt(ab) * x0.mean()
        s_formula = np.sqrt(ab * x0.var() + 1 - ab)
        print(f"{t + 1:6d} {ab:11.5f} {x.mean():11.3f} / {m_formula:6.3f}"
              f" {x.std():14.3f} / {s_formula:6.3f}")
        assert abs(x.mean() - m_formula) < 0.03 and abs(x.std() / s_formula - 1) < 0.02
assert alpha_bar[-1] < 1e-4 and abs(x.mean()) < 0.03 and abs(x.std() - 1) < 0.02   # ~N(0, 1)

# %%
# The exact optimal noise predictor. For mixture data the noisy marginal q_t is a mixture too,
# and E[eps | x_t] = -sqrt(1 - alpha_bar_t) * d/dx log q_t(x_t): predicting the noise is
# estimating the score.


def eps_exact(x, t):
    ab = np.broadcast_to(alpha_bar[t], x.shape)[:, None]     # t may be one step or one per x
    m, v = np.sqrt(ab) * means, ab * sds**2 + 1 - ab
    log_r = np.log(weights) + norm.logpdf(x[:, None], m, np.sqrt(v))
    r = np.exp(log_r - log_r.max(axis=1, keepdims=True))
    r /= r.sum(axis=1, keepdims=True)                      # responsibilities
    score = (r * (m - x[:, None]) / v).sum(axis=1)
    return -np.sqrt(1 - ab[:, 0]) * score


# %%
# Training with the DDPM loss: draw x_0, a step t and noise eps, form x_t, and regress eps on
# (x_t, t) by least squares. The model is linear in products of features of x (Gaussian bumps,
# plus x itself so that predictions far out in the tails grow like x instead of dropping to 0)
# and Gaussian bumps in sqrt(t / T), which gives more resolution to the small-noise steps.
cx, ct = np.linspace(-4.5, 4.5, 37), np.linspace(0, 1, 10)


def phi_x(x):
    return np.c_[np.exp(-((x[:, None] - cx) ** 2) / (2 * 0.3**2)), x]


def phi_t(t):
    return np.exp(-((np.sqrt(np.atleast_1d(t) / (T - 1))[:, None] - ct) ** 2) / (2 * 0.12**2))


def design(x, t):
    return (phi_x(x)[:, :, None] * phi_t(t)[:, None, :]).reshape(len(x), -1)


def noisy_pairs(n):
    x_0, t, eps = sample_data(n), rng.integers(0, T, n), rng.normal(size=n)
    return np.sqrt(alpha_bar[t]) * x_0 + np.sqrt(1 - alpha_bar[t]) * eps, t, eps


x_t, t_idx, eps = noisy_pairs(60_000)
F = design(x_t, t_idx)
theta = np.linalg.solve(F.T @ F + 1.0 * np.eye(F.shape[1]), F.T @ eps).reshape(len(cx) + 1, len(ct))


def eps_model(x, t):
    return phi_x(x) @ (theta @ phi_t(t)[0])


xv, tv, ev = noisy_pairs(20_000)
loss_model = np.mean((design(xv, tv) @ theta.ravel() - ev) ** 2)
loss_exact = np.mean((eps_exact(xv, tv) - ev) ** 2)
print(f"\nheld-out DDPM loss: fitted model {loss_model:.4f}, exact E[eps | x_t] {loss_exact:.4f}"
      f" (predicting 0 would score {np.mean(ev**2):.4f})")
assert loss_model < loss_exact * 1.01 and loss_exact < 0.8 * np.mean(ev**2)

# %%
# Sampling. DDPM runs the learned reverse chain for all 1,000 steps, adding fresh noise at
# each step. DDIM uses the same model deterministically on a coarse grid of steps.


def ddpm_sample(eps_fn, n):
    x = rng.normal(size=n)
    path = [x[:40].copy()]
    for t in range(T - 1, -1, -1):
        x = (x - beta[t] / np.sqrt(1 - alpha_bar[t]) * eps_fn(x, t)) / np.sqrt(alpha[t])
        if t > 0:
            x = x + np.sqrt(beta[t]) * rng.normal(size=n)
        path.append(x[:40].copy())
    return x, np.array(path)


def ddim_sample(eps_fn, n, n_steps):
    steps = np.linspace(T - 1, 0, n_steps).round().astype(int)
    x = rng.normal(size=n)
    for i, t in enumerate(steps):
        e = eps_fn(x, t)
        x0_hat = (x - np.sqrt(1 - alpha_bar[t]) * e) / np.sqrt(alpha_bar[t])
        t_next = steps[i + 1] if i + 1 < n_steps else None
        x = x0_hat if t_next is None else np.sqrt(alpha_bar[t_next]) * x0_hat + np.sqrt(1 - alpha_bar[t_next]) * e
    return x


n = 4000
reference = sample_data(n)
samples, paths = ddpm_sample(eps_model, n)
results = {
    "fresh data (noise floor)": sample_data(n),
    "DDPM, 1000 steps": samples,
    "DDIM, 50 steps": ddim_sample(eps_model, n, 50),
    "single Gaussian fit": rng.normal(reference.mean(), reference.std(), n),
}
print("\nsampler                      W1 to data   share in left mode (true 0.30)")
w1 = {}
for name, s in results.items():
    w1[name] = wasserstein_distance(s, reference)
    print(f"{name:<28} {w1[name]:10.3f} {np.mean(s < 0):12.3f}")
assert w1["DDPM, 1000 steps"] < 3 * w1["fresh data (noise floor)"]
assert w1["DDPM, 1000 steps"] < 0.1 * w1["single Gaussian fit"]
assert w1["DDIM, 50 steps"] < 0.2 * w1["single Gaussian fit"]
assert np.abs(samples).max() < 5                       # no runaway trajectories
assert abs(np.mean(samples < 0) - 0.3) < 0.03
# Trajectories commit to a mode late: at step 700 the 40 drawn paths are on the side of zero
# where they end little more often than chance; by step 100 all of them are.
final_side = np.sign(paths[-1])
same_side = {t: np.mean(np.sign(paths[T - t]) == final_side) for t in (700, 100)}
print(f"paths already on their final side of 0: at step 700 {same_side[700]:.0%}, "
      f"at step 100 {same_side[100]:.0%}")
assert same_side[700] < 0.75 and same_side[100] == 1.0

# %%
# Figure: generated histogram against the true density, and 40 reverse trajectories.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(9.6, 3.6),
    num="Left, a histogram of 4,000 DDPM samples matches the two-peaked data density; right, "
        "forty reverse-process trajectories start as standard normal noise at step 1000 and "
        "split into the two modes as the step count falls to zero.")
grid = np.linspace(-4, 4, 400)
density = sum(w * norm.pdf(grid, m, s) for w, m, s in zip(weights, means, sds))
ax1.hist(samples, bins=80, density=True, color="C0", alpha=0.5, label="DDPM samples")
ax1.plot(grid, density, "k", label="data density")
ax1.set(xlabel="x", title="Generated vs true")
ax1.legend(fontsize=8)
for path in paths.T:                                       # colour by the mode reached
    ax2.plot(np.arange(T, -1, -1), path, lw=0.6, alpha=0.7, color="C3" if path[-1] < 0 else "C0")
ax2.set(xlabel="diffusion step t", ylabel="x_t", title="Reverse process", xlim=(T, 0))
fig.tight_layout()
plt.show()
