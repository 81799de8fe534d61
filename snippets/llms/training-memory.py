"""How much GPU memory training, fine-tuning and inference of an LLM need.

A calculator adds up weights, gradients, optimiser states and activations for full training
with mixed-precision Adam, LoRA and QLoRA, and for inference with a KV cache, and applies it
to Llama 2 7B. The activation formula of Korthikanti et al. (2022) for a GPT-style layer is
checked against a NumPy forward pass that records every tensor the backward pass needs.
"""

# %%
# Bytes per parameter. Mixed-precision Adam (Rajbhandari et al., ZeRO, arXiv 1910.02054):
# 16-bit weights (2) and gradients (2), plus 32-bit master weights, momentum and variance
# (4 + 4 + 4): 16 bytes per parameter before any activation.
import os
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)
GB = 1e9

STATE_BYTES = {
    "mixed-precision Adam": dict(weights=2, grads=2, master=4, momentum=4, variance=4),
    "Adam, 8-bit moments": dict(weights=2, grads=2, master=4, momentum=1, variance=1),
    "inference, 16-bit": dict(weights=2),
    "inference, 8-bit": dict(weights=1),
    "inference, 4-bit": dict(weights=0.5),
}
N_7B = 6_738_415_616                          # Llama 2 7B, counted on the transformer-block page
print(f"Llama 2 7B ({N_7B / 1e9:.2f}B parameters)   bytes/param   memory")
for regime, parts in STATE_BYTES.items():
    per_param = sum(parts.values())
    print(f"{regime:<34} {per_param:8.1f} {per_param * N_7B / GB:9.1f} GB")
assert sum(STATE_BYTES["mixed-precision Adam"].values()) == 16
assert round(16 * N_7B / GB, 1) == 107.8 and round(2 * N_7B / GB, 1) == 13.5
assert round(10 * N_7B / GB, 1) == 67.4                        # 8-bit Adam moments


# %%
# Activations of one GPT-style layer (LayerNorm, attention with softmax and dropout, GELU MLP
# of width 4h, dropout), 16-bit tensors and 1-byte dropout masks. Korthikanti et al. (2022):
#   bytes = s b h (34 + 5 a s / h)   for sequence s, micro-batch b, width h, heads a.
# The tape below records, operation by operation, the tensors that operation's backward needs.
def gelu(z):
    return 0.5 * z * (1 + np.tanh(0.7978845608 * (z + 0.044715 * z**3)))


def layer_norm(x):
    return (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-5)


def dropout(x, p, tape):
    keep = (rng.random(x.shape) > p).astype(np.uint8)
    tape.append(keep)                                       # mask, 1 byte per element
    return (x * keep / (1 - p)).astype(np.float16)


def layer_with_tape(x, W, a, p=0.1):
    s, b, h = x.shape
    tape = [x]                                              # LayerNorm 1 input
    y = layer_norm(x).astype(np.float16)
    tape.append(y)                                          # QKV projection input
    q, k, v = np.split((y @ W["qkv"]).astype(np.float16), 3, axis=-1)
    heads = lambda t: t.reshape(s, b, a, h // a).transpose(1, 2, 0, 3)   # (b, a, s, h/a)
    q, k, v = heads(q), heads(k), heads(v)
    tape += [q, k]                                          # Q K^T needs both
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(h // a)
    probs = np.exp(scores - scores.max(-1, keepdims=True))
    probs = (probs / probs.sum(-1, keepdims=True)).astype(np.float16)
    tape.append(probs)                                      # softmax backward uses its output
    attended = dropout(probs, p, tape)
    tape += [attended, v]                                   # (dropped probs) x V needs both
    context = (attended @ v).transpose(2, 0, 1, 3).reshape(s, b, h)
    tape.append(context)                                    # output projection input
    x = x + dropout(context @ W["out"], p, tape)
    tape.append(x)                                          # LayerNorm 2 input
    y = layer_norm(x).astype(np.float16)
    tape.append(y)                                          # first MLP matrix input
    hidden = (y @ W["fc1"]).astype(np.float16)
    tape.append(hidden)                                     # GELU input
    activated = gelu(hidden).astype(np.float16)
    tape.append(activated)                                  # second MLP matrix input
    x = x + dropout(activated @ W["fc2"], p, tape)
    return x, sum(t.nbytes for t in tape)


def activation_bytes(s, b, h, a, L=1, recompute="none"):
    per_layer = {"none": s * b * h * (34 + 5 * a * s / h),  # everything stored
                 "selective": 34 * s * b * h,               # recompute the s x s attention parts
                 "full": 2 * s * b * h}[recompute]          # keep only each layer's input
    return L * per_layer


for s, b, h, a in ((32, 2, 64, 4), (16, 3, 48, 6), (64, 1, 128, 8)):
    W = {name: rng.normal(0, h**-0.5, shape).astype(np.float16) for name, shape in
         (("qkv", (h, 3 * h)), ("out", (h, h)), ("fc1", (h, 4 * h)), ("fc2", (4 * h, h)))}
    x = rng.normal(size=(s, b, h)).astype(np.float16)
    _, taped = layer_with_tape(x, W, a)
    assert taped == activation_bytes(s, b, h, a)
print("\ntaped activations = s b h (34 + 5 a s / h) for three layer shapes: True")

# %%
# Training Llama 2 7B on 4,096-token sequences, micro-batch 1, with the formula's GPT-style
# layer as an approximation (Llama's SwiGLU MLP and RMSNorm change the constant a little).
s, b, h, a, L = 4096, 1, 4096, 32, 32
print("\nactivations, 32 layers, s = 4096, b = 1      memory")
act = {}
for recompute, label in (("none", "store everything"),
                         ("selective", "no s x s tensors (selective / FlashAttention)"),
                         ("full", "full checkpointing (layer inputs only)")):
    act[recompute] = activation_bytes(s, b, h, a, L, recompute)
    print(f"{label:<46} {act[recompute] / GB:7.1f} GB")
assert round(act["none"] / GB) == 104 and round(act["selective"] / GB, 1) == 18.3
assert round(act["full"] / GB, 1) == 1.1
one_layer = activation_bytes(s, b, h, a, 1, "selective")         # working set while recomputing
print(f"full checkpointing also needs one layer's activations during its recomputation: "
      f"{one_layer / GB:.2f} GB")
assert round(one_layer / GB, 2) == 0.57
states = 16 * N_7B
print(f"full fine-tuning, mixed-precision Adam: {states / GB:.1f} GB of states "
      f"+ {act['selective'] / GB:.1f} GB of activations = {(states + act['selective']) / GB:.0f} GB; "
      f"sharded over 8 GPUs (ZeRO-3 / FSDP): {states / 8 / GB:.1f} GB of states each")
assert 120 < (states + act["selective"]) / GB < 130

# %%
# Parameter-efficient fine-tuning. LoRA with rank r on all seven matrices of each block adds
# r (d_in + d_out) weights per matrix; only those get gradients and Adam states. QLoRA
# stores the linear layers in 4-bit NormalFloat with double-quantised constants (4.127 bits a
# weight: an 8-bit scale per 64 weights, a 32-bit scale per 256 of those); the embeddings,
# output layer and norms stay in 16 bits.
d, ffn, r = 4096, 11008, 16
matrices = [(d, d)] * 4 + [(d, ffn)] * 2 + [(ffn, d)]
lora = L * sum(r * (d_in + d_out) for d_in, d_out in matrices)
full_ft = states
lora_ft = 2 * N_7B + 16 * lora
linear = L * sum(d_in * d_out for d_in, d_out in matrices)
bits_nf4 = 4 + 8 / 64 + 32 / (64 * 256)
qlora_base = linear * bits_nf4 / 8 + 2 * (N_7B - linear)
qlora_ft = qlora_base + 16 * lora
print(f"\nLoRA rank {r}: {lora / 1e6:.1f}M trainable parameters ({lora / N_7B:.2%} of the model)")
print(f"memory before activations: full {full_ft / GB:.1f} GB, LoRA {lora_ft / GB:.1f} GB, "
      f"QLoRA {qlora_ft / GB:.1f} GB")
assert lora == 39_976_960 and round(100 * lora / N_7B, 2) == 0.59
print(f"QLoRA: {linear * bits_nf4 / 8 / GB:.2f} GB of NF4 weights and constants, "
      f"{2 * (N_7B - linear) / GB:.2f} GB in 16 bits, {16 * lora / GB:.2f} GB of adapters and their states")
assert linear == 6_476_005_376 and round(bits_nf4, 3) == 4.127
assert round(lora_ft / GB, 1) == 14.1 and round(qlora_ft / GB, 1) == 4.5
assert [round(x / GB, 2) for x in (linear * bits_nf4 / 8, 2 * (N_7B - linear), 16 * lora)] == [3.34, 0.52, 0.64]

# %%
# Inference: weights plus the KV cache, 2 x layers x KV heads x head size x 2 bytes per token
# (32 KV heads of 128 for Llama 2 7B).
kv_per_token = 2 * L * 32 * 128 * 2
print(f"\nKV cache: {kv_per_token / 2**20:.1f} MiB per token")
print("batch x context      weights   KV cache     total")
for batch, ctx in ((1, 4096), (8, 4096), (32, 4096)):
    cache = batch * ctx * kv_per_token
    total = 2 * N_7B + cache
    print(f"{batch:5d} x {ctx:<8} {2 * N_7B / GB:9.1f} {cache / GB:9.1f} GB {total / GB:7.1f} GB")
assert kv_per_token == 2**19
assert 8 * 4096 * kv_per_token > 2 * N_7B                       # cache outgrows the weights
assert round(8 * 4096 * kv_per_token / GB, 1) == 17.2
