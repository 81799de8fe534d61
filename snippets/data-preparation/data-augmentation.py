"""Data augmentation on scikit-learn's 8x8 digits: one-pixel shifts teach a classifier an invariance.

An RBF support vector machine is trained twice, on the original training images and on the
originals plus copies shifted by one pixel up, down, left and right. Both models are scored on
the clean test images and on the same test images each shifted by one pixel. A 180-degree
rotation shows a transformation that does not preserve the label: it turns a 6 into a 9.
"""

# %%
# Load the digits as 8x8 images and split them before any augmentation, so that no shifted
# copy of a test image can reach the training set.
import os
import numpy as np
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

X, y = load_digits(return_X_y=True)
images = X.reshape(-1, 8, 8)
img_tr, img_te, y_tr, y_te = train_test_split(
    images, y, test_size=0.5, stratify=y, random_state=SEED)


def shift(imgs, dy, dx):
    """Move images dy rows down and dx columns right; pixels that enter are blank (0)."""
    out = np.roll(imgs, (dy, dx), axis=(-2, -1))  # np.roll wraps around; blank the wrapped part
    if dy > 0:
        out[..., :dy, :] = 0
    elif dy < 0:
        out[..., dy:, :] = 0
    if dx > 0:
        out[..., :, :dx] = 0
    elif dx < 0:
        out[..., :, dx:] = 0
    return out


SHIFTS = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}


def flat(imgs):
    """Turn a stack of 8x8 images back into rows of 64 features for the classifier."""
    return imgs.reshape(len(imgs), -1)


# %%
# The augmented training set: the originals plus four shifted copies, labels unchanged.
# The shifted test set moves each test image one pixel in a random direction.
img_aug = np.concatenate([img_tr] + [shift(img_tr, *s) for s in SHIFTS.values()])
y_aug = np.tile(y_tr, 1 + len(SHIFTS))
rng = np.random.default_rng(SEED)
direction = rng.integers(len(SHIFTS), size=len(img_te))
img_te_shifted = np.stack(
    [shift(im, *list(SHIFTS.values())[k]) for im, k in zip(img_te, direction)])

plain = SVC().fit(flat(img_tr), y_tr)
augmented = SVC().fit(flat(img_aug), y_aug)

acc = {
    (name, test): (model.predict(flat(imgs)) == y_te).mean()
    for name, model in [("originals only", plain), ("+ shifted copies", augmented)]
    for test, imgs in [("clean", img_te), ("shifted", img_te_shifted)]
}
print(f"training images: {len(img_tr)} original, {len(img_aug)} after augmentation")
print(f"{'trained on':<18} {'clean test':>10} {'shifted test':>13}")
for name in ["originals only", "+ shifted copies"]:
    print(f"{name:<18} {acc[name, 'clean']:>10.3f} {acc[name, 'shifted']:>13.3f}")

# A one-pixel shift wrecks the plain model; the augmented one barely notices it,
# and it loses nothing measurable on the clean test set.
assert acc["originals only", "shifted"] < 0.7
assert acc["+ shifted copies", "shifted"] > 0.9
assert acc["+ shifted copies", "shifted"] > acc["originals only", "shifted"] + 0.3
assert acc["originals only", "clean"] > 0.95
assert acc["+ shifted copies", "clean"] > acc["originals only", "clean"] - 0.01

# %%
# Not every transformation keeps the label: rotate the test 6s by 180 degrees and ask the
# plain model what it sees.
sixes = img_te[y_te == 6]
rotated = sixes[:, ::-1, ::-1]
read_as_9 = (plain.predict(flat(rotated)) == 9).mean()
print(f"test 6s rotated by 180 degrees and classified as 9: {read_as_9:.0%}")
assert read_as_9 > 0.7

# %%
# Figure: one example of four digits, its four shifted copies, and its 180-degree rotation.
columns = ["original", *SHIFTS, "rotated 180°"]
fig, axes = plt.subplots(
    4, len(columns), figsize=(6.4, 4.8),
    num="A grid of 8 by 8 digit images. Each row shows one digit (2, 4, 6, 9) as "
        "given, then shifted one pixel up, down, left and right, which all still read as the "
        "same digit, and finally rotated by 180 degrees, which turns the 6 into something that "
        "looks like a 9 and the 9 into a 6.")
for row, digit in enumerate([2, 4, 6, 9]):
    im = img_tr[np.flatnonzero(y_tr == digit)[0]]
    versions = [im, *(shift(im, *s) for s in SHIFTS.values()), im[::-1, ::-1]]
    for col, (title, version) in enumerate(zip(columns, versions)):
        ax = axes[row, col]
        ax.imshow(version, cmap="gray_r", vmin=0, vmax=16)
        ax.set_xticks([])
        ax.set_yticks([])
        if row == 0:
            ax.set_title(title, fontsize=9)
    axes[row, 0].set_ylabel(f"label {digit}")
fig.tight_layout()
plt.show()
