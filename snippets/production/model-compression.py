"""Three ways to shrink a trained network, measured: quantisation, pruning and low-rank factors.

A one-hidden-layer MLP (64 -> 256 -> 10) is trained on scikit-learn's digits. Its weights are then
quantised to 8, 4, 3 and 2 bits, pruned by magnitude (with and without a short fine-tuning that
keeps the pruned weights at zero), and its first layer is replaced by truncated-SVD factors. Each
variant is scored on the same test set, with its weight-storage size.
"""

# %%
# The model to compress. The forward pass is written out so that modified weights can be
# scored directly.
import os
import copy

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = load_digits(return_X_y=True)
X = X / 16.0
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=SEED)
mlp = MLPClassifier(hidden_layer_sizes=(256,), alpha=1e-3, max_iter=300, random_state=SEED)
mlp.fit(X_tr, y_tr)
W1, W2 = mlp.coefs_
b1, b2 = mlp.intercepts_


def accuracy(W1, W2):
    logits = np.maximum(X_te @ W1 + b1, 0) @ W2 + b2
    return np.mean(logits.argmax(axis=1) == y_te)


base = accuracy(W1, W2)
n_weights = W1.size + W2.size
assert np.isclose(base, mlp.score(X_te, y_te))
print(f"float32 model: {n_weights:,} weights, {4 * n_weights / 1024:.0f} KiB, "
      f"test accuracy {base:.3f}")

# %%
# Post-training quantisation: round each weight to one of 2^(b-1) - 1 symmetric levels per sign,
# with one scale per tensor or one per output unit ("per-channel"). No retraining.


def quantise(W, bits, per_channel):
    qmax = 2 ** (bits - 1) - 1
    scale = np.abs(W).max(axis=0, keepdims=True) if per_channel else np.abs(W).max()
    scale = scale / qmax
    return np.clip(np.round(W / scale), -qmax, qmax) * scale


print("\nbits   size (KiB)   per-tensor acc   per-channel acc")
quant = {}
for bits in (8, 4, 3, 2):
    quant[bits] = [accuracy(quantise(W1, bits, pc), quantise(W2, bits, pc)) for pc in (False, True)]
    size_kib = bits * n_weights / 8 / 1024
    print(f"{bits:4d} {size_kib:12.1f} {quant[bits][0]:16.3f} {quant[bits][1]:17.3f}")
assert abs(quant[8][0] - base) <= 0.005                # int8: essentially free, 4x smaller
assert quant[4][1] >= base - 0.01                      # 4-bit per-channel: still close
assert min(quant[3]) >= base - 0.06                    # 3 bits: a loss of a few points
assert quant[2][0] < 0.5 and quant[2][1] > quant[2][0] + 0.05  # 2 bits breaks; scales help,
assert quant[2][1] < base - 0.1                                # but not enough

# %%
# Magnitude pruning: zero the smallest weights (one global threshold). Then fine-tune for 40
# epochs, re-applying the mask after each epoch so pruned weights stay at zero.


def prune(model, sparsity, fine_tune_epochs=0):
    m = copy.deepcopy(model)
    threshold = np.quantile(np.abs(np.r_[m.coefs_[0].ravel(), m.coefs_[1].ravel()]), sparsity)
    masks = [np.abs(W) > threshold for W in m.coefs_]
    for W, M in zip(m.coefs_, masks):
        W *= M
    for _ in range(fine_tune_epochs):
        m.partial_fit(X_tr, y_tr)
        for W, M in zip(m.coefs_, masks):
            W *= M
    return accuracy(*m.coefs_) if fine_tune_epochs == 0 else m.score(X_te, y_te)


sparsities = [0.5, 0.8, 0.9, 0.95]
# (50 % needs no fine-tuning, so it is only fine-tuned from 80 % on.)
pruned = {s: (prune(mlp, s), prune(mlp, s, fine_tune_epochs=40) if s > 0.5 else np.nan)
          for s in sparsities}
print("\nsparsity   no fine-tuning   40 epochs of fine-tuning")
for s, (raw, ft) in pruned.items():
    ft_text = "not needed" if np.isnan(ft) else f"{ft:.3f}"
    print(f"{s:8.0%} {raw:16.3f} {ft_text:>26}")
assert pruned[0.5][0] >= base - 0.01                   # half the weights were nearly useless
assert pruned[0.9][0] < base - 0.1                     # 90 % in one shot hurts...
assert pruned[0.9][1] >= base - 0.02                   # ...and fine-tuning recovers most of it
assert pruned[0.8][1] >= base - 0.01

# %%
# Low-rank factorisation of the first layer: W1 (64 x 256) ~ A (64 x r) @ B (r x 256) from the
# truncated SVD, replacing one matrix multiply by two thinner ones.
U, s, Vt = np.linalg.svd(W1, full_matrices=False)
print("\nrank   first-layer weights   accuracy")
low_rank = {}
for r in (4, 8, 16, 32):
    low_rank[r] = accuracy((U[:, :r] * s[:r]) @ Vt[:r], W2)
    print(f"{r:4d} {r * (64 + 256):12,d} of {W1.size:,} {low_rank[r]:10.3f}")
assert low_rank[16] >= base - 0.01 and low_rank[4] < 0.8

# %%
# Figure: accuracy against bits per weight, and against the fraction of weights pruned.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(9.0, 3.6), sharey=True,
    num="Test accuracy of a compressed digits MLP: left, against bits per weight, nearly flat "
        "from 32 down to 3 bits and collapsing at 2 bits, less so with per-channel scales; right, "
        "against the fraction of weights pruned, falling steeply beyond 80 percent without "
        "fine-tuning, while 40 epochs of fine-tuning keep it near the original up to 90 "
        "percent",
)
bits_axis = [32, 8, 4, 3, 2]
ax1.plot(bits_axis, [base] + [quant[b][0] for b in bits_axis[1:]], "o-", label="per-tensor scale")
ax1.plot(bits_axis, [base] + [quant[b][1] for b in bits_axis[1:]], "s-", label="per-channel scales")
ax1.set(xscale="log", xticks=bits_axis, xticklabels=[str(b) for b in bits_axis],
        xlabel="bits per weight", ylabel="test accuracy", title="Quantisation")
ax1.invert_xaxis()
ax1.legend(fontsize=8)
ax2.plot([0] + sparsities, [base] + [pruned[s][0] for s in sparsities], "o-", label="one-shot")
ax2.plot(sparsities[1:], [pruned[s][1] for s in sparsities[1:]], "s-",
         label="with fine-tuning")
ax2.set(xlabel="fraction of weights set to zero", title="Magnitude pruning")
ax2.legend(fontsize=8)
fig.tight_layout()
plt.show()
