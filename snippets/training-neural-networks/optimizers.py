"""SGD, momentum, RMSProp and Adam: what each update rule buys, measured.

1. On quadratics of growing condition number, gradient descent needs steps in proportion to
   the condition number kappa; heavy-ball momentum with its textbook tuning needs about
   sqrt(kappa).
2. Adam's step ignores the scale of each coordinate's gradient.
3. RMSProp with a constant learning rate stalls at a loss floor set by the learning rate;
   decaying the rate removes it.
4. scikit-learn's MLP on the digits, trained with SGD, SGD with momentum and Adam over a
   range of learning rates (10 epochs each): momentum 0.9 acts like a ten times larger SGD
   rate, and Adam wants small rates.
"""

# %%
# Gradient descent vs heavy-ball momentum on f(x) = x'Hx / 2 with H = diag(1, kappa), both
# with the step sizes that are optimal in theory (Polyak). Count steps to cut f a millionfold.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def steps_to_converge(kappa, use_momentum):
    H = np.array([1.0, kappa])               # diagonal of the Hessian
    L, mu = kappa, 1.0
    if use_momentum:
        lr = 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2
        beta = ((np.sqrt(L) - np.sqrt(mu)) / (np.sqrt(L) + np.sqrt(mu))) ** 2
    else:
        lr, beta = 2 / (L + mu), 0.0
    x = x_prev = np.array([1.0, 1.0])
    f0 = 0.5 * np.sum(H * x**2)
    for t in range(1, 10**6):
        # x_{t+1} = x_t - lr * grad + beta * (x_t - x_{t-1})
        x, x_prev = x - lr * H * x + beta * (x - x_prev), x
        if 0.5 * np.sum(H * x**2) < 1e-6 * f0:
            return t


kappas = np.array([10, 30, 100, 300, 1000])
gd = np.array([steps_to_converge(k, False) for k in kappas])
hb = np.array([steps_to_converge(k, True) for k in kappas])
print(f"{'condition number':>16}{'GD steps':>10}{'momentum steps':>16}")
for k, a, b in zip(kappas, gd, hb):
    print(f"{k:>16}{a:>10}{b:>16}")
slope_gd = np.polyfit(np.log(kappas), np.log(gd), 1)[0]
slope_hb = np.polyfit(np.log(kappas), np.log(hb), 1)[0]
print(f"log-log slope: GD {slope_gd:.2f}, momentum {slope_hb:.2f}")
assert 0.9 < slope_gd < 1.1          # steps grow like kappa
assert 0.4 < slope_hb < 0.65         # ... and like sqrt(kappa) with momentum
assert np.all(hb < gd)

# %%
# Adam's update depends on the sign and consistency of each coordinate's gradients, not their
# scale: multiplying one coordinate's gradients by 1000 leaves the updates unchanged, and the
# bias-corrected first step has size lr in every coordinate.
rng = np.random.default_rng(SEED)
grads = rng.normal(size=(20, 2)) + [0.5, -0.2]


def adam_updates(gs, lr=0.01, b1=0.9, b2=0.999, eps=1e-12):
    m, v, out = 0.0, 0.0, []
    for t, g in enumerate(gs, start=1):
        m = b1 * m + (1 - b1) * g                 # momentum: average of gradients
        v = b2 * v + (1 - b2) * g**2              # RMSProp: average of squared gradients
        out.append(-lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps))
    return np.array(out)


steps_plain = adam_updates(grads)
steps_scaled = adam_updates(grads * [1000.0, 1.0])
assert np.allclose(steps_plain, steps_scaled, rtol=1e-6)
assert np.allclose(np.abs(steps_plain[0]), 0.01)
print("\nAdam: updates unchanged when one coordinate's gradients are scaled by 1000; "
      "first step = lr per coordinate")


# %%
# RMSProp divides by the recent gradient size, so near the minimum its steps do not shrink:
# with a constant rate it rattles around a loss floor proportional to lr^2. A decaying
# (cosine) rate lets it settle.
def rmsprop_tail_loss(schedule, steps=2000, rho=0.9, eps=1e-8):
    H = np.array([1.0, 50.0])
    x, v, tail = np.array([-4.0, 1.0]), np.zeros(2), []
    for t in range(1, steps + 1):
        g = H * x
        v = rho * v + (1 - rho) * g**2
        x = x - schedule(t, steps) * g / (np.sqrt(v) + eps)
        if t > steps - 100:
            tail.append(0.5 * np.sum(H * x**2))
    return np.mean(tail)


floor_small = rmsprop_tail_loss(lambda t, T: 0.01)
floor_large = rmsprop_tail_loss(lambda t, T: 0.1)
cosine = rmsprop_tail_loss(lambda t, T: 0.1 * 0.5 * (1 + np.cos(np.pi * t / T)))
print(f"\nRMSProp, loss over the last 100 of 2000 steps: lr 0.01 {floor_small:.1e}, "
      f"lr 0.1 {floor_large:.1e}, lr 0.1 with cosine decay {cosine:.1e}")
assert 90 < floor_large / floor_small < 110   # floor grows like lr^2
assert cosine < 1e-3 * floor_large

# %%
# A 64-64-10 MLP on the digits, 10 epochs of mini-batches of 64 with each optimiser and a range
# of learning rates; the table shows the training loss in the last epoch.
digits = load_digits()
X_tr, X_te, y_tr, y_te = train_test_split(
    digits.data / 16.0, digits.target, test_size=0.3, random_state=SEED, stratify=digits.target)
solvers = {
    "SGD": dict(solver="sgd", momentum=0.0),
    "momentum 0.9": dict(solver="sgd", momentum=0.9, nesterovs_momentum=False),
    "Adam": dict(solver="adam"),
}
mlp_lrs = (0.003, 0.01, 0.03, 0.1, 0.3)
loss = {}
for name, kwargs in solvers.items():
    for lr in mlp_lrs:
        clf = MLPClassifier(hidden_layer_sizes=(64,), learning_rate_init=lr, batch_size=64,
                            random_state=SEED, **kwargs)
        for _ in range(10):
            clf.partial_fit(X_tr, y_tr, classes=np.arange(10))
        loss[name, lr] = clf.loss_
print(f"\n{'learning rate':<14}" + "".join(f"{name:>14}" for name in solvers))
for lr in mlp_lrs:
    print(f"{lr:<14}" + "".join(f"{loss[name, lr]:>14.3f}" for name in solvers))

# Momentum 0.9 at rate lr behaves like plain SGD at 10 x lr (effective rate lr / (1 - beta)).
for lr in (0.01, 0.03):
    assert abs(loss["momentum 0.9", lr] / loss["SGD", 10 * lr] - 1) < 0.1
# Adam trains well at small rates and fails at large ones; plain SGD needs large ones.
best = {name: min(loss[name, lr] for lr in mlp_lrs) for name in solvers}
assert min(loss["Adam", lr] for lr in (0.003, 0.01)) < 0.1
assert loss["Adam", 0.3] > 10 * best["Adam"]
assert loss["SGD", 0.003] > 1.0 and loss["SGD", 0.3] == best["SGD"]
# At its own best rate every optimiser trains well.
assert max(best.values()) < 0.2

# %%
# Steps to converge against the condition number, log-log.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Steps needed to reduce a quadratic's loss a millionfold against its condition "
        "number, on log-log axes: gradient descent's steps grow in proportion to the "
        "condition number, heavy-ball momentum's grow like its square root")
ax.loglog(kappas, gd, marker="o", label=f"gradient descent (slope {slope_gd:.2f})")
ax.loglog(kappas, hb, marker="s", label=f"heavy-ball momentum (slope {slope_hb:.2f})")
ax.set_xlabel("condition number  L / mu")
ax.set_ylabel("steps to converge")
ax.legend(fontsize=9)
fig.tight_layout()
plt.show()
