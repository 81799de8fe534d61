"""Autoencoders with scikit-learn's MLPRegressor: a network trained to output its own input
through a narrow middle layer.

A linear autoencoder recovers exactly what PCA finds; a non-linear one follows a curved data
set that PCA cannot; a denoising autoencoder learns to remove noise from digits; and the
reconstruction error flags a digit class the model never saw.
"""

# %%
# A linear autoencoder (identity activations, 8-unit bottleneck) trained on digits reaches
# the same reconstruction error as PCA with 8 components: PCA is the optimal linear
# bottleneck, and the network converges to the same subspace (Baldi and Hornik, 1989).
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = load_digits(return_X_y=True)
X = X / 16.0                                            # pixels in [0, 1]
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=SEED)


def mse(a, b):
    return float(((a - b) ** 2).mean())


k = 8
pca = PCA(n_components=k).fit(X_tr)
linear_ae = MLPRegressor(hidden_layer_sizes=(k,), activation="identity", solver="lbfgs",
                         alpha=1e-4, max_iter=2000, random_state=SEED).fit(X_tr, X_tr)
err_pca = mse(X_te, pca.inverse_transform(pca.transform(X_te)))
err_lin = mse(X_te, linear_ae.predict(X_te))
print(f"test reconstruction MSE, 64 pixels -> {k} -> 64:")
print(f"  PCA                  {err_pca:.5f}")
print(f"  linear autoencoder   {err_lin:.5f}")
assert abs(err_lin - err_pca) / err_pca < 0.01

# %%
# Where non-linearity pays: points near a curved arc in 2-D, squeezed through ONE number.
# PCA can only project onto a line; a tanh autoencoder learns the arc's own coordinate.
rng = np.random.default_rng(SEED)
angle = rng.uniform(-0.75 * np.pi, 0.75 * np.pi, 600)
arc = np.c_[np.sin(angle), np.cos(angle)] + 0.03 * rng.normal(size=(600, 2))
arc_tr, arc_te = arc[:400], arc[400:]
pca_arc = PCA(n_components=1).fit(arc_tr)
deep_ae = MLPRegressor(hidden_layer_sizes=(16, 1, 16), activation="tanh", solver="lbfgs",
                       alpha=1e-4, max_iter=3000, random_state=SEED).fit(arc_tr, arc_tr)
err_arc_pca = mse(arc_te, pca_arc.inverse_transform(pca_arc.transform(arc_te)))
err_arc_ae = mse(arc_te, deep_ae.predict(arc_te))
print("\narc in 2-D, 1-number bottleneck, test MSE:")
print(f"  PCA                  {err_arc_pca:.4f}")
print(f"  tanh autoencoder     {err_arc_ae:.4f}")
assert err_arc_ae < err_arc_pca / 20

# %%
# Denoising autoencoder: the input is corrupted with Gaussian noise, the target is the clean
# image, so the network must learn what digits look like rather than copy pixels.
noise = 0.3
X_tr_noisy = X_tr + noise * rng.normal(size=X_tr.shape)
X_te_noisy = X_te + noise * rng.normal(size=X_te.shape)
dae = MLPRegressor(hidden_layer_sizes=(16,), activation="identity", solver="lbfgs",
                   alpha=1e-4, max_iter=2000, random_state=SEED).fit(X_tr_noisy, X_tr)
denoised = dae.predict(X_te_noisy)
err_noisy, err_denoised = mse(X_te_noisy, X_te), mse(denoised, X_te)
print(f"\ndenoising: MSE to the clean test images, noisy input {err_noisy:.4f} "
      f"-> autoencoder output {err_denoised:.4f}")
assert err_denoised < err_noisy / 3

# %%
# Anomaly detection: train on every digit except 8, then score test images by reconstruction
# error. Unseen 8s reconstruct worse than the familiar digits.
normal = y_tr != 8
ae_no8 = MLPRegressor(hidden_layer_sizes=(k,), activation="identity", solver="lbfgs",
                      alpha=1e-4, max_iter=2000, random_state=SEED).fit(X_tr[normal], X_tr[normal])
score = ((X_te - ae_no8.predict(X_te)) ** 2).mean(axis=1)
auc = roc_auc_score(y_te == 8, score)
print(f"\nanomaly score = reconstruction error; mean for seen digits "
      f"{score[y_te != 8].mean():.4f}, for unseen 8s {score[y_te == 8].mean():.4f}; ROC AUC {auc:.2f}")
assert score[y_te == 8].mean() > 1.3 * score[y_te != 8].mean() and auc > 0.75

# %%
# Figures: the arc with both reconstructions, and clean / noisy / denoised digits.
fig1, ax = plt.subplots(
    figsize=(5.2, 3.8),
    num="Noisy points along a curved arc; PCA with one component maps them onto a straight "
        "line, while an autoencoder with a one-unit bottleneck maps them back onto the arc.")
grid_order = np.argsort(np.arctan2(arc_te[:, 0], arc_te[:, 1]))
ax.scatter(*arc_te.T, s=8, c="0.6", label="test points")
ax.plot(*pca_arc.inverse_transform(pca_arc.transform(arc_te))[grid_order].T, "C3", lw=2,
        label="PCA, 1 component")
ax.plot(*deep_ae.predict(arc_te)[grid_order].T, "C0", lw=2, label="autoencoder, 1 unit")
ax.set_aspect("equal")
ax.legend(fontsize=8, loc="lower center")
ax.set_title("Reconstructions through a 1-D bottleneck")
fig1.tight_layout()

fig2, axes = plt.subplots(
    3, 8, figsize=(8.0, 3.3),
    num="Eight test digits in three rows: the clean images, the same images with heavy "
        "Gaussian noise, and the denoising autoencoder's outputs, which are recognisable "
        "digits again.")
for col in range(8):
    for row, images in enumerate((X_te, X_te_noisy, denoised)):
        axes[row, col].imshow(images[col].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        axes[row, col].set_axis_off()
for row, label in enumerate(("clean", "noisy", "denoised")):
    axes[row, 0].set_title(label, fontsize=8, loc="left")
fig2.tight_layout()
plt.show()
