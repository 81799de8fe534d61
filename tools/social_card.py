"""Draw the site's link-preview image (1200 x 630), docs/assets/social-card.png.

One image for the whole site: per-page cards would need Material's social plugin, which fetches
fonts from the network at build time. Run again after changing the site's name or colours.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "social-card.png"

fig = plt.figure(figsize=(12, 6.3), dpi=100, facecolor="#3f51b5")
fig.text(0.07, 0.62, "ML Interview Questions", color="white", fontsize=56, weight="bold")
fig.text(0.07, 0.45, "Hidden answers, in depth, with code that runs.", color="white", fontsize=28)
fig.text(0.07, 0.2, "Evaluation · Ensembles · Neural networks · NLP · Statistics · Production", color="#c5cae9", fontsize=20)
fig.savefig(OUT, facecolor=fig.get_facecolor(), metadata={"Software": None})
