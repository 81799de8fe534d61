"""What noisy labels do to training and evaluation, and how to find and remove them.

Digits: a fraction of the training labels is flipped to a random other class. A 1-nearest-
neighbour classifier memorises every wrong label; a 15-neighbour vote averages most of them
away. Out-of-fold predicted probabilities then flag likely mislabelled rows (the idea behind
confident learning), and removing them restores the memorising model. Noisy test labels make
a good model look worse. Breast cancer: symmetric noise in a binary problem squeezes the
predicted probabilities toward 0.5 without moving the 0.5 decision boundary much.
"""

# %%
# Symmetric noise: each training label is replaced, with probability rho, by one of the
# other nine classes chosen at random. The test labels stay clean.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer, load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict, train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = load_digits(return_X_y=True)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.4, random_state=SEED, stratify=y)
n_classes = 10


def corrupt(labels, rho, rng):
    flip = rng.random(labels.size) < rho
    shift = rng.integers(1, n_classes, size=labels.size)       # never the same class
    return np.where(flip, (labels + shift) % n_classes, labels), flip


rates = [0.0, 0.1, 0.2, 0.3, 0.4]
acc = {1: [], 15: []}
for rho in rates:
    y_noisy, _ = corrupt(y_tr, rho, np.random.default_rng(SEED + 1))
    for k in acc:
        acc[k].append(KNeighborsClassifier(k).fit(X_tr, y_noisy).score(X_te, y_te))
print("Test accuracy on clean labels, training labels flipped at rate rho")
print(f"{'rho':>5} {'1-NN':>6} {'15-NN':>6}")
for i, rho in enumerate(rates):
    print(f"{rho:>5.1f} {acc[1][i]:>6.3f} {acc[15][i]:>6.3f}")
# 1-NN copies its neighbour's label, so its accuracy falls roughly like (1 - rho).
assert acc[1][0] > 0.97 and abs(acc[1][2] - acc[1][0] * 0.8) < 0.05
assert acc[1][4] < 0.7
# The 15-vote majority is still right as long as the true class keeps the plurality.
assert min(acc[15]) > 0.9 and acc[15][4] > acc[1][4] + 0.25

# %%
# Finding the flipped labels at rho = 0.2. Every training row gets an out-of-fold probability
# for its own (given) label; rows where the model gives that label little probability are
# flagged. The out-of-fold step matters: in-sample, a flexible model has already fit the noise.
rho = 0.2
y_noisy, flipped = corrupt(y_tr, rho, np.random.default_rng(SEED + 1))
cv = StratifiedKFold(5, shuffle=True, random_state=SEED)
proba = cross_val_predict(KNeighborsClassifier(15), X_tr, y_noisy, cv=cv,
                          method="predict_proba")
p_given = proba[np.arange(y_noisy.size), y_noisy]
flagged = p_given < 0.3
precision = flipped[flagged].mean()
recall = flagged[flipped].mean()
print(f"\nrho = {rho}: {flipped.sum()} of {flipped.size} training labels flipped")
print(f"flagged {flagged.sum()} rows: precision {precision:.2f}, recall {recall:.2f}")
assert precision > 0.85 and recall > 0.85

acc_noisy = KNeighborsClassifier(1).fit(X_tr, y_noisy).score(X_te, y_te)
acc_clean = KNeighborsClassifier(1).fit(X_tr[~flagged], y_noisy[~flagged]).score(X_te, y_te)
print(f"1-NN test accuracy: noisy training set {acc_noisy:.3f}, "
      f"after dropping flagged rows {acc_clean:.3f}")
assert acc_clean > acc_noisy + 0.1 and acc_clean > acc[1][0] - 0.03

# %%
# Noisy test labels: the same 15-NN model (trained on clean labels) scored against clean and
# against 20 %-noisy test labels. The model did not change; the yardstick did.
model = KNeighborsClassifier(15).fit(X_tr, y_tr)
y_te_noisy, _ = corrupt(y_te, 0.2, np.random.default_rng(SEED + 2))
true_acc, measured = model.score(X_te, y_te), model.score(X_te, y_te_noisy)
print(f"\n15-NN accuracy against clean test labels {true_acc:.3f}, "
      f"against 20 %-noisy test labels {measured:.3f}")
assert measured < true_acc - 0.15

# %%
# Binary symmetric noise: P(noisy y = 1 | x) = (1 - 2 rho) P(y = 1 | x) + rho. The ranking and
# the 0.5 threshold survive, but predicted probabilities are squeezed into [rho, 1 - rho].
Xb, yb = load_breast_cancer(return_X_y=True)
Xb_tr, Xb_te, yb_tr, yb_te = train_test_split(Xb, yb, test_size=0.4, random_state=SEED,
                                              stratify=yb)
flip_b = np.random.default_rng(SEED + 3).random(yb_tr.size) < 0.2
logreg = make_pipeline(StandardScaler(), LogisticRegression(C=0.1))
p_clean = logreg.fit(Xb_tr, yb_tr).predict_proba(Xb_te)[:, 1]
acc_b_clean = logreg.score(Xb_te, yb_te)
p_noisy = logreg.fit(Xb_tr, np.where(flip_b, 1 - yb_tr, yb_tr)).predict_proba(Xb_te)[:, 1]
acc_b_noisy = logreg.score(Xb_te, yb_te)
confident = lambda p: np.mean((p < 0.05) | (p > 0.95))
print(f"\nBreast cancer, 20 % of training labels flipped")
print(f"  test accuracy: clean labels {acc_b_clean:.3f}, noisy labels {acc_b_noisy:.3f}")
print(f"  share of test predictions below 0.05 or above 0.95: "
      f"clean {confident(p_clean):.2f}, noisy {confident(p_noisy):.2f}")
assert acc_b_noisy > acc_b_clean - 0.04
assert confident(p_clean) > 0.5 and confident(p_noisy) < 0.1

# %%
# Figure: test accuracy against the noise rate for the two classifiers.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Test accuracy on digits against the fraction of flipped training labels: the "
        "1-nearest-neighbour classifier falls roughly in proportion to the noise, from about "
        "0.98 to below 0.7 at 40 % noise, while a 15-neighbour vote stays above 0.9.")
ax.plot(rates, acc[1], "o-", label="1-NN (memorises every label)")
ax.plot(rates, acc[15], "s-", label="15-NN (majority vote)")
ax.plot(rates, acc[1][0] * (1 - np.array(rates)), "k:", label="noise-free accuracy x (1 - rho)")
ax.set(xlabel="fraction of training labels flipped (rho)", ylabel="test accuracy (clean labels)")
ax.legend()
fig.tight_layout()
plt.show()
