"""What LoRA trains, what it saves, and when a low-rank update beats full fine-tuning.

Part 1 counts parameters and training memory for a 7B-parameter transformer with the
LLaMA-7B shape. Part 2 adapts a "pretrained" linear layer to a new task whose true weight
change has low rank, from few examples: full fine-tuning of the 64 x 64 matrix against LoRA
updates B A of rank r, trained by gradient descent from B = 0 as in the LoRA paper.
"""

# %%
# Part 1. Parameter count of a decoder with d = 4096, 32 layers, a 11008-wide gated
# feed-forward block (three matrices) and a 32000-token vocabulary with an untied output layer.
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

d, layers, d_ff, vocab = 4096, 32, 11008, 32000
per_layer = 4 * d * d + 3 * d * d_ff + 2 * d        # attention, feed-forward, two norms
total = vocab * d + layers * per_layer + d + vocab * d
r = 8
lora = layers * 2 * (d * r + r * d)                 # rank-8 A and B on W_q and W_v
print(f"base model parameters        {total / 1e9:8.2f} B")
print(f"LoRA r=8 on W_q, W_v         {lora / 1e6:8.2f} M  ({lora / total:.3%} of the model)")
assert round(total / 1e9, 2) == 6.74 and lora == 4_194_304 and round(100 * lora / total, 2) == 0.06

# Training memory for the weights and optimiser alone (activations come on top): full
# fine-tuning with Adam in mixed precision needs about 16 bytes per parameter (fp16 weights and
# gradients, fp32 master weights and two Adam moments); LoRA keeps the base frozen in fp16
# (2 bytes) and QLoRA stores it in 4 bits (0.5 bytes, counted here for every weight, leaving out
# quantisation constants and the embeddings QLoRA keeps in 16 bits); the adapters need 16 bytes each.
memory = {"full fine-tuning (Adam)": 16 * total,
          "LoRA, fp16 base": 2 * total + 16 * lora,
          "QLoRA, 4-bit base": 0.5 * total + 16 * lora}
for name, b in memory.items():
    print(f"{name:<28} {b / 1e9:8.1f} GB")
assert [round(b / 1e9, 1) for b in memory.values()] == [107.8, 13.5, 3.4]

# %%
# Part 2. A pretrained layer W0 and a task that needs W0 + dW, where dW has rank 4.
# Only 120 noisy training examples: fine for 4 directions, too few for 4096 free weights.
rng = np.random.default_rng(SEED)
n_in = n_out = 64
true_rank, n_train, noise = 4, 120, 0.15
W0 = rng.normal(size=(n_out, n_in)) / np.sqrt(n_in)
dW_true = rng.normal(size=(n_out, true_rank)) @ rng.normal(size=(true_rank, n_in)) / n_in
X_train, X_test = rng.normal(size=(n_train, n_in)), rng.normal(size=(5000, n_in))
Y_train = X_train @ (W0 + dW_true).T + noise * rng.normal(size=(n_train, n_out))
Y_test = X_test @ (W0 + dW_true).T                  # noise-free targets: measure the fit


def test_error(dW):
    return float(np.mean((X_test @ (W0 + dW).T - Y_test) ** 2))


# Full fine-tuning: least squares on all 4096 entries of dW.
R = Y_train - X_train @ W0.T                        # what the pretrained layer gets wrong
dW_full = np.linalg.lstsq(X_train, R, rcond=None)[0].T


def train_lora(rank, steps=1500, lr=0.1, alpha=None):
    """Gradient descent on B (n_out x r, starts at 0) and A (r x n_in, random), loss = MSE."""
    alpha = alpha or rank
    A = rng.normal(size=(rank, n_in)) / np.sqrt(n_in)
    B = np.zeros((n_out, rank))
    scale = alpha / rank
    for _ in range(steps):
        err = X_train @ (scale * B @ A).T - R       # n_train x n_out
        grad_dW = err.T @ X_train / n_train         # gradient with respect to the product
        B, A = B - lr * scale * grad_dW @ A.T, A - lr * scale * B.T @ grad_dW
    return scale * B @ A


ranks = [1, 2, 4, 8, 16, 32]
lora_err = {}
for k in ranks:
    lora_err[k] = test_error(train_lora(k))
errors = {"no adaptation (W0)": test_error(np.zeros_like(W0)),
          "full fine-tuning": test_error(dW_full)}
print(f"\n{'method':<22} {'trainable':>9} {'test MSE':>9}")
print(f"{'no adaptation (W0)':<22} {0:9d} {errors['no adaptation (W0)']:9.3f}")
print(f"{'full fine-tuning':<22} {n_in * n_out:9d} {errors['full fine-tuning']:9.3f}")
for k in ranks:
    print(f"{'LoRA rank ' + str(k):<22} {k * (n_in + n_out):9d} {lora_err[k]:9.3f}")

best = min(lora_err, key=lora_err.get)
assert best in (4, 8)                                         # near the true rank
assert max(lora_err[4], lora_err[8]) < 0.5 * errors["full fine-tuning"]  # beats full fine-tuning
assert lora_err[1] > lora_err[2] > lora_err[4]                 # too small a rank underfits
assert lora_err[8] < lora_err[16] < lora_err[32]               # larger ranks fit more noise
assert all(e < errors["no adaptation (W0)"] for e in lora_err.values())

# %%
# Test error against rank, with the two reference lines.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Test error of LoRA against its rank: rank 1 and 2 underfit, ranks 4 to 8 match the "
        "true rank-4 change and beat full fine-tuning, larger ranks drift back towards it")
ax.semilogx(ranks, [lora_err[k] for k in ranks], "o-", base=2, label="LoRA")
ax.axhline(errors["full fine-tuning"], color="C3", ls="--", label="full fine-tuning")
ax.axhline(errors["no adaptation (W0)"], color="k", ls=":", label="no adaptation")
ax.axvline(true_rank, color="0.6", lw=1)
ax.text(true_rank * 1.05, ax.get_ylim()[1] * 0.9, "true rank", fontsize=8, color="0.4")
ax.set_xticks(ranks, [str(k) for k in ranks])
ax.set_xlabel("LoRA rank r")
ax.set_ylabel("test mean squared error")
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
