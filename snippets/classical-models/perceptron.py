"""The perceptron learning rule, its mistake bound, and what happens without a separating line.

A NumPy perceptron is run on separable data with a known margin (checking Novikoff's bound
(R / gamma)^2 on the number of updates), on data with a smaller margin, on XOR (never converges)
and on XOR with a product feature added (converges at once).
"""

# %%
# The algorithm: cycle through the data; whenever a point is misclassified, add y * x to the
# weights. A constant feature 1 is appended so the bias is just another weight.
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def perceptron(X, y, max_epochs=100, rng=None):
    """Returns weights, total number of updates and mistakes per epoch (labels in {-1, +1})."""
    w = np.zeros(X.shape[1])
    updates, per_epoch = 0, []
    for _ in range(max_epochs):
        mistakes = 0
        order = rng.permutation(len(y)) if rng is not None else range(len(y))
        for i in order:
            if y[i] * (X[i] @ w) <= 0:      # wrong side of the boundary, or on it
                w += y[i] * X[i]
                mistakes += 1
        updates += mistakes
        per_epoch.append(mistakes)
        if mistakes == 0:                   # a full clean pass: converged
            break
    return w, updates, per_epoch


def add_bias(X):
    return np.c_[X, np.ones(len(X))]


# %%
# Separable data with a chosen margin: label points by a unit vector u in the augmented space
# and discard points closer than gamma to the boundary. Novikoff (1962): at most (R / gamma)^2
# updates, whatever the order of the points and however many there are.
rng = np.random.default_rng(SEED)


def separable(n, gamma, rng):
    u = np.array([1.0, -0.6, 0.3])
    u /= np.linalg.norm(u)
    X = add_bias(rng.uniform(-1, 1, size=(20 * n, 2)))
    X = X[np.abs(X @ u) >= gamma][:n]
    return X, np.sign(X @ u)


print(f"{'margin':>7} {'n':>5} {'(R/gamma)^2':>12} {'updates':>8} {'epochs':>7}")
results = {}
for gamma, n in [(0.2, 200), (0.2, 2000), (0.05, 200), (0.05, 2000)]:
    X, y = separable(n, gamma, rng)
    R = np.linalg.norm(X, axis=1).max()
    w, updates, per_epoch = perceptron(X, y, rng=rng)
    bound = (R / gamma) ** 2
    results[(gamma, n)] = (updates, per_epoch, X, y, w)
    print(f"{gamma:7.2f} {n:5d} {bound:12.0f} {updates:8d} {len(per_epoch):7d}")
    assert per_epoch[-1] == 0 and np.all(np.sign(X @ w) == y)  # converged, all correct
    assert updates <= bound
# A smaller margin needs more updates; more data with the same margin does not blow up.
assert results[(0.05, 200)][0] > results[(0.2, 200)][0]
assert results[(0.05, 2000)][0] > results[(0.2, 2000)][0]
assert results[(0.2, 2000)][0] < (np.sqrt(3) / 0.2) ** 2

# %%
# XOR has no separating line: the perceptron keeps making mistakes forever (here, 100 epochs).
# Adding the product feature x1 * x2 makes it separable, and the same rule converges.
X_xor = np.array([[1, 1], [1, -1], [-1, 1], [-1, -1]], dtype=float)
y_xor = np.array([-1, 1, 1, -1])
_, _, xor_epochs = perceptron(add_bias(X_xor), y_xor)
_, _, prod_epochs = perceptron(add_bias(np.c_[X_xor, X_xor[:, 0] * X_xor[:, 1]]), y_xor)
print(f"\nXOR: mistakes in each of the last 3 of {len(xor_epochs)} epochs: {xor_epochs[-3:]}")
print(f"XOR with feature x1*x2: converged after {len(prod_epochs)} epochs")
assert len(xor_epochs) == 100 and min(xor_epochs) > 0
assert prod_epochs[-1] == 0 and len(prod_epochs) <= 3

# %%
# Noisy labels: flip 5 % of the labels of separable data. The perceptron never has a clean
# epoch, so it never stops by itself, and its weights keep jumping: their accuracy on the true
# labels, read at the end of each of the last ten epochs, swings widely. The averaged perceptron
# predicts with the mean of the weights over every step, which averages the jumps away.
X, y = separable(1000, 0.05, rng)
flip = rng.random(len(y)) < 0.05
y_noisy = np.where(flip, -y, y)
w, w_sum, steps, epoch_acc, noisy_mistakes = np.zeros(3), np.zeros(3), 0, [], []
for epoch in range(30):
    mistakes = 0
    for i in rng.permutation(len(y)):
        if y_noisy[i] * (X[i] @ w) <= 0:
            w += y_noisy[i] * X[i]
            mistakes += 1
        w_sum += w
        steps += 1
    noisy_mistakes.append(mistakes)
    epoch_acc.append(np.mean(np.sign(X @ w) == y))   # accuracy against the clean labels
acc_avg = np.mean(np.sign(X @ (w_sum / steps)) == y)
last10 = epoch_acc[-10:]
print(f"\n5 % flipped labels: fewest mistakes in an epoch {min(noisy_mistakes)}")
print(f"  accuracy on clean labels at the end of the last 10 epochs: "
      f"{min(last10):.3f} to {max(last10):.3f}")
print(f"  averaged perceptron: {acc_avg:.3f}")
assert min(noisy_mistakes) > 0                     # never a clean epoch
assert max(last10) - min(last10) > 0.1             # the last weights are a lottery
assert acc_avg > 0.98 and acc_avg >= max(last10) - 0.01   # averaging is stable and as good

# %%
# Figure: updates against margin, with the bound. Both grow as the margin shrinks; the bound is
# a worst case, and the actual count stays far below it.
margins = np.array([0.4, 0.2, 0.1, 0.05, 0.02, 0.01])
counts, bounds = [], []
for gamma in margins:
    runs = []
    for _ in range(5):  # average over five data sets: a single count is noisy
        X, y = separable(500, gamma, rng)
        _, updates, per_epoch = perceptron(X, y, max_epochs=1000, rng=rng)
        assert per_epoch[-1] == 0
        assert updates <= (np.linalg.norm(X, axis=1).max() / gamma) ** 2
        runs.append(updates)
    counts.append(np.mean(runs))
    bounds.append((np.sqrt(3) / gamma) ** 2)  # R <= sqrt(3) for points in [-1, 1]^2 plus a 1
counts, bounds = np.array(counts), np.array(bounds)
print("\nmargin          " + " ".join(f"{g:>7}" for g in margins))
print("mean updates    " + " ".join(f"{c:7.0f}" for c in counts))
print("bound (R=sqrt3) " + " ".join(f"{b:7.0f}" for b in bounds))
assert counts[-1] > 3 * counts[0] and counts[2] > counts[0]

fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Number of perceptron updates until convergence against the margin of the data, on "
        "log scales: the count rises as the margin shrinks and stays well below Novikoff's "
        "bound (R over gamma) squared, which rises much faster",
)
ax.loglog(margins, bounds, "k--", label="bound $(R/\\gamma)^2$")
ax.loglog(margins, counts, "o-", label="mean updates until convergence (500 points)")
ax.set(xlabel="margin $\\gamma$", ylabel="number of updates")
ax.invert_xaxis()
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
