"""Top-1 routing, the load-balancing loss, capacity and token dropping, on a tiny MoE layer.

Eight linear experts and a softmax router are trained by hand-written gradient descent on
synthetic tokens from eight clusters, each cluster with its own target map. Without the
Switch Transformer's auxiliary loss the router sends most tokens to a few experts and leaves
others unused; with it the load evens out. The program then counts the tokens each router
would drop at several capacity factors, and the total and active parameters of Mixtral 8x7B.
"""

# %%
# Synthetic tokens: 16-dimensional inputs around 8 cluster centres; the target is a linear
# map that differs between clusters, so the ideal layer gives each cluster its own expert.
import os
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

d, d_out, n_experts, n_clusters = 16, 8, 8, 8
centres = rng.normal(size=(n_clusters, d)) * 2
maps = rng.normal(size=(n_clusters, d, d_out)) / np.sqrt(d)


def tokens(n, gen):
    c = gen.integers(n_clusters, size=n)
    x = centres[c] + gen.normal(size=(n, d))
    return x, np.einsum("td,tdo->to", x, maps[c])


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# %%
# A Switch layer: the router's softmax gives p(x); the token goes to expert e = argmax p and
# the output is p_e(x) * expert_e(x). The auxiliary loss is alpha * E * sum_i f_i * P_i, with
# f_i the fraction of tokens sent to expert i (no gradient) and P_i the mean router
# probability of expert i; it is smallest when both are uniform. Gradients by hand.
def train(alpha, steps=600, batch=256, lr=0.1):
    r = np.random.default_rng(SEED + 1)          # same start and same batches for every alpha
    W_router = r.normal(size=(d, n_experts)) * 0.01
    W_experts = r.normal(size=(n_experts, d, d_out)) / np.sqrt(d)
    for _ in range(steps):
        x, y = tokens(batch, r)
        p = softmax(x @ W_router)
        e = p.argmax(axis=1)
        gate = p[np.arange(batch), e]
        h = np.einsum("td,tdo->to", x, W_experts[e])
        d_out_ = 2 * (gate[:, None] * h - y) / (batch * d_out)       # squared-error gradient
        g_experts = np.zeros_like(W_experts)
        for k in range(n_experts):
            m = e == k
            g_experts[k] = x[m].T @ (d_out_[m] * gate[m, None])
        d_p = np.zeros_like(p)
        d_p[np.arange(batch), e] = (d_out_ * h).sum(axis=1)          # through the gate value
        f = np.bincount(e, minlength=n_experts) / batch
        d_p += alpha * n_experts * f[None, :] / batch                # through P_i in the aux loss
        d_logits = p * (d_p - (p * d_p).sum(axis=1, keepdims=True))  # softmax backward
        W_router -= lr * x.T @ d_logits
        W_experts -= lr * g_experts
    return W_router, W_experts


def evaluate(W_router, W_experts, n=4096):
    x, y = tokens(n, np.random.default_rng(SEED + 2))
    p = softmax(x @ W_router)
    e = p.argmax(axis=1)
    out = p[np.arange(n), e][:, None] * np.einsum("td,tdo->to", x, W_experts[e])
    load = np.bincount(e, minlength=n_experts) / n
    return load, float(((out - y) ** 2).mean()), e


results = {}
for alpha in (0.0, 0.1, 1.0):       # the coefficient suits this toy's loss scale (Switch used 0.01)
    load, mse, assignment = evaluate(*train(alpha))
    results[alpha] = dict(load=load, mse=mse, assignment=assignment,
                          max_over_mean=load.max() * n_experts, cv=load.std() / load.mean(),
                          unused=int((load < 0.01).sum()))
print("aux loss   max/mean load   coeff. of variation   experts under 1 %   task MSE")
for alpha, r in results.items():
    print(f"{alpha:8.1f} {r['max_over_mean']:15.2f} {r['cv']:21.2f} {r['unused']:19d} {r['mse']:10.3f}")
none, strong = results[0.0], results[1.0]
assert 2 < none["max_over_mean"] < 5 and none["unused"] >= 2          # collapse without the loss
assert strong["max_over_mean"] < 1.6 and strong["cv"] < 0.3 and strong["unused"] == 0
assert strong["cv"] < results[0.1]["cv"] < none["cv"]                  # 0.1: partial balance
assert strong["mse"] < 1.15 * none["mse"]                              # task error no worse

# %%
# Capacity: each expert processes at most capacity_factor * tokens / experts tokens per group
# of 256 tokens; the rest are dropped (they skip the layer through the residual connection).
def dropped_fraction(assignment, capacity_factor, group=256):
    dropped = 0
    for start in range(0, len(assignment), group):
        counts = np.bincount(assignment[start:start + group], minlength=n_experts)
        dropped += np.maximum(counts - capacity_factor * group / n_experts, 0).sum()
    return dropped / len(assignment)


print("\ntokens dropped   capacity 1.0   capacity 1.25   capacity 2.0")
drops = {}
for alpha in (0.0, 1.0):
    drops[alpha] = [dropped_fraction(results[alpha]["assignment"], cf) for cf in (1.0, 1.25, 2.0)]
    print(f"aux loss {alpha:3.1f}" + "".join(f"{v:15.1%}" for v in drops[alpha]))
assert drops[0.0][0] > 0.3 and drops[0.0][1] > 0.2                     # collapse: heavy dropping
assert 0.04 < drops[1.0][0] < 0.15 and drops[1.0][1] < 0.05            # balanced: little
assert all(a >= b for a, b in zip(drops[1.0], drops[1.0][1:]))         # more capacity, fewer drops

# %%
# Total against active parameters, Mixtral 8x7B (Jiang et al., 2024, arXiv 2401.04088):
# d = 4096, 32 layers, 32 query and 8 key-value heads of size 128, 8 SwiGLU experts of
# width 14,336 per layer, top-2 routing, vocabulary 32,000, untied embeddings.
d_model, layers, ffn, experts, top_k, vocab, d_kv = 4096, 32, 14_336, 8, 2, 32_000, 8 * 128
attention = 2 * d_model**2 + 2 * d_model * d_kv
expert = 3 * d_model * ffn
shared = layers * (attention + experts * d_model + 2 * d_model) + 2 * vocab * d_model + d_model
total = shared + layers * experts * expert                              # router: d x 8 per layer
active = shared + layers * top_k * expert
print(f"\nMixtral 8x7B: {total / 1e9:.1f}B parameters in total, {active / 1e9:.1f}B used per token "
      f"({active / total:.0%}); experts hold {layers * experts * expert / total:.0%} of the weights")
print(f"16-bit weights to hold in memory: {2 * total / 1e9:.1f} GB; "
      f"forward FLOPs per token about 2 x active = {2 * active / 1e9:.0f} GFLOP")
assert round(total / 1e9) == 47 and round(active / 1e9) == 13
assert 0.27 < active / total < 0.28 and 0.96 < layers * experts * expert / total < 0.97
assert 93 < 2 * total / 1e9 < 94
