"""A picture of a clustering: cadres' scaled gap vectors on their first two principal components.

The projection only draws the clusters; it plays no part in forming them. It is computed on the
vectors as the clustering saw them (after scaling), so clusters that are apart in the fit appear
apart in the picture as far as two axes can show. A city of many cadres is drawn from a fixed
random sample: a scatter plot of a few thousand points already shows the shape.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import PCA

AXES = 2


@dataclass(frozen=True)
class Projection:
    cadre_ids: list[str]
    x: list[float]
    y: list[float]
    clusters: list[int]
    explained_variance: list[float]  # share of the variance each axis shows, 0 to 1


def project(
    cadre_ids: list[str],
    scaled: np.ndarray,
    labels: np.ndarray,
    max_points: int,
    random_state: int,
) -> Projection:
    """The first two principal components of `scaled`, for at most `max_points` cadres. With a
    single capability the second axis is 0 for everyone (there is nothing else to show)."""
    count, features = scaled.shape
    rng = np.random.default_rng(random_state)
    rows = np.sort(rng.choice(count, size=min(max_points, count), replace=False))
    components = min(AXES, features, count)
    pca = PCA(n_components=components, random_state=random_state).fit(scaled)
    points = np.zeros((len(rows), AXES))
    points[:, :components] = pca.transform(scaled[rows])
    explained = [round(float(v), 4) for v in pca.explained_variance_ratio_]
    explained += [0.0] * (AXES - components)
    return Projection(
        cadre_ids=[cadre_ids[r] for r in rows.tolist()],
        x=np.round(points[:, 0], 4).tolist(),
        y=np.round(points[:, 1], 4).tolist(),
        clusters=labels[rows].astype(int).tolist(),
        explained_variance=explained,
    )
