"""Choosing a learning rate: the stability limit, a learning-rate range test, and schedules.

1. Gradient descent on least squares converges only below 2 / (largest Hessian eigenvalue).
2. A range test on a small NumPy MLP for the digits: raise the rate geometrically over a few
   hundred mini-batches and watch where the loss falls fastest and where it blows up; short
   training runs confirm that a rate picked below the blow-up point trains best.
3. On a noisy regression problem, constant-rate SGD stalls at a noise floor proportional to
   the rate, while step decay and cosine decay reach a much lower loss in the same steps.
"""

# %%
# 1. The stability limit. For f(w) = ||Xw - y||^2 / (2n) the Hessian is X'X / n; gradient
# descent multiplies the error along eigenvector i by (1 - lr * lambda_i) at every step.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
X = rng.normal(size=(500, 10)) * np.linspace(0.5, 3, 10)
w_true = rng.normal(size=10)
y = X @ w_true + rng.normal(0, 0.5, 500)
lam_max = np.linalg.eigvalsh(X.T @ X / len(X)).max()
w_star = np.linalg.lstsq(X, y, rcond=None)[0]


def gd_distance(lr, steps=300):
    w = np.zeros(10)
    for _ in range(steps):
        w -= lr * X.T @ (X @ w - y) / len(X)
    return np.linalg.norm(w - w_star)


limit = 2 / lam_max
below, above = gd_distance(0.95 * limit), gd_distance(1.05 * limit)
print(f"largest curvature {lam_max:.2f}, stability limit 2/lambda_max = {limit:.4f}")
print(f"distance to optimum after 300 steps: lr = 0.95 x limit {below:.1e}, "
      f"lr = 1.05 x limit {above:.1e}")
assert below < 1e-3 and above > 1e3

# %%
# 2. Learning-rate range test on a 64-64-10 ReLU network (mini-batches of 32): the rate grows
# geometrically from 1e-4 to 10 over 400 steps; the loss curve is smoothed with an
# exponential moving average, as in the usual recipe.
digits = load_digits()
X_tr, X_val, y_tr, y_val = train_test_split(
    digits.data / 16.0, digits.target, test_size=0.3, random_state=SEED, stratify=digits.target)


def init(seed=SEED):
    r = np.random.default_rng(seed)
    return [r.normal(0, np.sqrt(2 / 64), (64, 64)), np.zeros(64),
            r.normal(0, np.sqrt(1 / 64), (64, 10)), np.zeros(10)]


def loss_and_grads(p, Xb, yb):
    W1, b1, W2, b2 = p
    h = np.maximum(Xb @ W1 + b1, 0)
    logits = h @ W2 + b2
    logits = logits - logits.max(axis=1, keepdims=True)
    prob = np.exp(logits)
    prob /= prob.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(prob[np.arange(len(yb)), yb] + 1e-12))
    d = prob.copy()
    d[np.arange(len(yb)), yb] -= 1
    d /= len(yb)
    dh = (d @ W2.T) * (h > 0)
    return loss, [Xb.T @ dh, dh.sum(axis=0), h.T @ d, d.sum(axis=0)]


def batches(r, n_steps, batch=32):
    n_epochs = n_steps * batch // len(X_tr) + 1
    order = np.concatenate([r.permutation(len(X_tr)) for _ in range(n_epochs)])
    for i in range(n_steps):
        yield order[i * batch:(i + 1) * batch]


n_test_steps = 400
lrs = np.geomspace(1e-4, 10, n_test_steps)
params, r = init(), np.random.default_rng(SEED + 1)
smooth, avg = [], 0.0
for i, idx in enumerate(batches(r, n_test_steps)):
    with np.errstate(all="ignore"):
        loss, grads = loss_and_grads(params, X_tr[idx], y_tr[idx])
    if not np.isfinite(loss):
        break
    avg = 0.9 * avg + 0.1 * loss
    smooth.append(avg / (1 - 0.9 ** (i + 1)))           # bias-corrected moving average
    if smooth[-1] > 2 * min(smooth):
        break                                           # blown up: stop the test
    params = [q - lrs[i] * g for q, g in zip(params, grads)]
smooth = np.array(smooth)
tested = lrs[:len(smooth)]
lr_min_loss = tested[np.argmin(smooth)]
# Slope of the smoothed loss against log(lr), over a window of +-10 steps, searched between
# step 20 (the average has settled) and the lowest point, as range-test tools do.
w = 10
slope = (smooth[2 * w:] - smooth[:-2 * w]) / (np.log(tested[2 * w:]) - np.log(tested[:-2 * w]))
search = np.arange(w, len(smooth) - w)                     # centre of each window
ok = (search >= 20) & (search <= np.argmin(smooth))
lr_steepest = tested[search[ok][np.argmin(slope[ok])]]
print(f"\nrange test: steepest descent at lr {lr_steepest:.3f}, lowest loss at lr "
      f"{lr_min_loss:.3f}, stopped at lr {tested[-1]:.2f}")
# Short runs (3 epochs) at rates around the picks.
final = {}
candidates = {"lowest loss / 10": lr_min_loss / 10, "steepest descent": lr_steepest,
              "lowest loss": lr_min_loss, "3 x lowest loss": 3 * lr_min_loss}
for lr in candidates.values():
    p, r = init(), np.random.default_rng(SEED + 2)
    for idx in batches(r, 3 * len(X_tr) // 32):
        _, g = loss_and_grads(p, X_tr[idx], y_tr[idx])
        p = [q - lr * gq for q, gq in zip(p, g)]
    with np.errstate(all="ignore"):
        val_loss, _ = loss_and_grads(p, X_val, y_val)
    final[lr] = val_loss if np.isfinite(val_loss) else np.inf
print(f"{'pick':<18}{'learning rate':>14}{'validation loss after 3 epochs':>32}")
for name, lr in candidates.items():
    print(f"{name:<18}{lr:>14.3f}{final[lr]:>32.3f}")
assert 0.1 < lr_steepest < 0.3 and 0.4 < lr_min_loss < 1.5   # loss fell, then blew up
assert lr_min_loss < tested[-1] < 10
if SEED == 0:                                                # the published curve
    assert abs(lr_steepest - 0.16) < 0.01 and abs(lr_min_loss - 0.7) < 0.02
assert max(final[lr_steepest], final[lr_min_loss]) < 0.6     # both picks train well
better = min(final[lr_steepest], final[lr_min_loss])
assert final[lr_min_loss / 10] > 1.5 * better                # ten times lower: slow
assert final[3 * lr_min_loss] > 2.0                          # past the blow-up: fails

# %%
# 3. Schedules. SGD with batches of 8 on noisy linear regression, 3000 steps from the same
# start. Constant rates stall at a floor set by the gradient noise; decaying the rate lowers it.
Xs = rng.normal(size=(5000, 20))
ys = Xs @ rng.normal(size=20) + rng.normal(0, 1.0, 5000)
ws = np.linalg.lstsq(Xs, ys, rcond=None)[0]
opt_loss = np.mean((Xs @ ws - ys) ** 2) / 2
T = 3000
schedules = {
    "constant 0.05": lambda t: 0.05,
    "constant 0.005": lambda t: 0.005,
    "step decay (x0.1 at 50 %, 75 %)": lambda t: 0.05 * 0.1 ** ((t >= T // 2) + (t >= 3 * T // 4)),
    "cosine from 0.05": lambda t: 0.05 * 0.5 * (1 + np.cos(np.pi * t / T)),
}
curves = {}
r = np.random.default_rng(SEED + 3)
draws = r.integers(0, len(Xs), size=(T, 8))
for name, lr_at in schedules.items():
    w, curve = np.zeros(20), []
    for t in range(T):
        idx = draws[t]
        w -= lr_at(t) * Xs[idx].T @ (Xs[idx] @ w - ys[idx]) / len(idx)
        if t % 50 == 49:
            curve.append(np.mean((Xs @ w - ys) ** 2) / 2 - opt_loss)
    curves[name] = np.array(curve)
print(f"\n{'schedule':<34}{'excess loss at step 250':>24}{'last 500 steps':>16}")
for name, c in curves.items():
    print(f"{name:<34}{c[4]:>24.2e}{c[-10:].mean():>16.2e}")
early = {name: c[4] for name, c in curves.items()}                # at step 250
end = {name: c[-10:].mean() for name, c in curves.items()}        # over the last 500 steps
assert end["constant 0.05"] > 5 * end["constant 0.005"]          # floor grows with the rate
assert early["constant 0.005"] > 5 * early["constant 0.05"]       # ... but small is slow early
for name in ("step decay (x0.1 at 50 %, 75 %)", "cosine from 0.05"):
    assert end[name] < 0.2 * end["constant 0.05"]                 # fast start, low floor
    assert end[name] < 2 * end["constant 0.005"]                  # near the slow rate's level

# %%
# Range-test curve and schedule curves.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(8.4, 3.4),
    num="Left: smoothed training loss against learning rate in a range test, flat at tiny "
        "rates, falling steeply between 0.1 and 0.7 and blowing up just above. Right: excess loss "
        "against step for SGD on noisy regression: constant rates level off at a floor, the "
        "larger rate at a higher floor, while step decay and cosine decay keep going down")
ax1.semilogx(tested, smooth)
marks = ((lr_min_loss / 10, ":", "lowest loss / 10"), (lr_steepest, "--", "steepest descent"),
         (lr_min_loss, "-.", "lowest loss"))
for lr, style, name in marks:
    ax1.axvline(lr, color="gray", ls=style, lw=1, label=name)
ax1.legend(fontsize=7)
ax1.set_xlabel("learning rate")
ax1.set_ylabel("smoothed training loss")
ax1.set_title("range test", fontsize=10)
steps = np.arange(50, T + 1, 50)
for name, c in curves.items():
    ax2.semilogy(steps, c, label=name, lw=1.2)
ax2.set_xlabel("step")
ax2.set_ylabel("excess loss")
ax2.set_title("schedules", fontsize=10)
ax2.legend(fontsize=7)
fig.tight_layout()
plt.show()
