"""How a feed-forward network computes its output.

A NumPy forward pass (affine map, ReLU, affine map, ReLU, affine map, softmax) reproduces
scikit-learn's MLPClassifier.predict_proba from its fitted weights; the parameter count follows
from the layer sizes; and without the non-linearity a stack of layers collapses to one affine
map, which cannot solve XOR while a two-unit ReLU layer can.
"""

# %%
# Fit a small MLP (4 -> 16 -> 8 -> 3) on iris, then redo its forward pass by hand.
import os
import numpy as np
from sklearn.datasets import load_iris
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))
rng = np.random.default_rng(SEED)

X, y = load_iris(return_X_y=True)
X = StandardScaler().fit_transform(X)
mlp = MLPClassifier(hidden_layer_sizes=(16, 8), activation="relu", max_iter=3000,
                    random_state=SEED + 1).fit(X, y)


def forward(X, Ws, bs):
    """h <- relu(h W + b) for the hidden layers, then softmax of the last affine map."""
    h = X
    for W, b in zip(Ws[:-1], bs[:-1]):
        h = np.maximum(0.0, h @ W + b)
    z = h @ Ws[-1] + bs[-1]                      # logits, shape (n, C)
    z -= z.max(axis=1, keepdims=True)            # stable softmax
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


p_np = forward(X, mlp.coefs_, mlp.intercepts_)
p_sk = mlp.predict_proba(X)
print("weight shapes:", [W.shape for W in mlp.coefs_], "| output activation:", mlp.out_activation_)
print(f"max |NumPy - sklearn| probability: {np.abs(p_np - p_sk).max():.1e}")
print(f"training accuracy: {(p_np.argmax(1) == y).mean():.3f}")
assert mlp.out_activation_ == "softmax"
assert np.abs(p_np - p_sk).max() < 1e-10
assert np.allclose(p_np.sum(axis=1), 1.0) and (p_np.argmax(1) == y).mean() > 0.95

# %%
# Parameter count: each layer has n_in * n_out weights plus n_out biases.
sizes = [4, 16, 8, 3]
n_params = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
n_fitted = sum(W.size + b.size for W, b in zip(mlp.coefs_, mlp.intercepts_))
print(f"parameters: formula {n_params}, fitted model {n_fitted}")
assert n_params == n_fitted == 243

# %%
# Drop the ReLU: three random affine layers 4 -> 16 -> 8 -> 3 equal ONE affine map
# x W1 W2 W3 + (b1 W2 W3 + b2 W3 + b3), so depth adds nothing.
Ws = [rng.normal(size=(a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
bs = [rng.normal(size=b) for b in sizes[1:]]
h = X
for W, b in zip(Ws, bs):
    h = h @ W + b
W_one = Ws[0] @ Ws[1] @ Ws[2]
b_one = bs[0] @ Ws[1] @ Ws[2] + bs[1] @ Ws[2] + bs[2]
print(f"deep linear vs single affine map, max gap: {np.abs(h - (X @ W_one + b_one)).max():.1e}")
assert np.abs(h - (X @ W_one + b_one)).max() < 1e-9

# %%
# XOR: the best affine fit (least squares) predicts 0.5 everywhere, so no threshold gets more
# than 2 of 4 right; one hidden ReLU layer with two units solves it exactly.
Xx = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
yx = np.array([0, 1, 1, 0], float)
A = np.c_[Xx, np.ones(4)]
lin = A @ np.linalg.lstsq(A, yx, rcond=None)[0]
relu_net = np.maximum(0, Xx @ np.array([[1, 1], [1, 1]]) + np.array([0, -1])) @ np.array([1, -2])
print("XOR target      ", yx)
print("best affine fit ", lin.round(3))
print("2-unit ReLU net ", relu_net)
assert np.allclose(lin, 0.5) and np.array_equal(relu_net, yx)

# %%
# A transformer layer (d_model = 768, d_ff = 4 * d_model, two-matrix MLP, as in GPT-2 small):
# the feed-forward block holds about two thirds of the non-embedding parameters.
d, d_ff = 768, 3072
attention = 4 * (d * d + d)                      # W_q, W_k, W_v, W_o with biases
ffn = (d * d_ff + d_ff) + (d_ff * d + d)         # up and down projections with biases
norms = 2 * 2 * d                                # two layer norms, scale and shift
share = ffn / (attention + ffn + norms)
print(f"transformer layer: attention {attention:,}, feed-forward {ffn:,}, FFN share {share:.3f}")
assert abs(share - 2 / 3) < 0.002
