"""Which parameters the data identify: orthogonal selection on the Jacobian.

``J`` is the Jacobian of the data residuals ``(model - observed) / sigma`` with
respect to the parameters on the unit scale of their bounds, and ``tau`` the
prior standard deviation on that scale (a quarter of the range). Parameters are
chosen one at a time (Yao et al. 2003, *Modeling ethylene/butene
copolymerization*, the "orthogonalisation" estimability method): take the
column with the largest norm, project it out of every remaining column, and
repeat. A parameter is identified while ``(norm * tau)^2`` -- the rise of the
payoff when it moves by one prior standard deviation in the direction that the
parameters already chosen cannot compensate -- is at least ``min_information``.
The rest have a flat payoff on their own, or only act through a combination
with a chosen parameter (reported with the correlation of their columns).

A chosen parameter that ends within ``bound_margin`` of a bound is flagged
(``bound``): the data push it beyond its plausible range. It stays fitted (at
the bound, a one-sided estimate) rather than going back to its prior, which
would discard what the data say; the flag marks a tension between the data and
the model's structure or the prior range.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Assessment:
    """Identification verdict for one parameter.

    Attributes
    ----------
    name : str
        Model constant.
    identified : bool
        Whether the data identify it (its fitted value is kept).
    information : float
        Payoff rise for a one-prior-sd move not compensated by the parameters
        chosen before it (dimensionless, payoff units).
    sd : float
        Approximate posterior standard deviation in the parameter's unit
        (``nan`` if not identified).
    reason : str
        Why it is not identified ("" if it is).
    bound : str
        ``"lower"`` or ``"upper"`` if the value is within ``bound_margin`` of
        that bound, else ``""``.

    """

    name: str
    identified: bool
    information: float
    sd: float
    reason: str
    bound: str = ""


def orthogonal_selection(jacobian: np.ndarray, tau: float, min_information: float,
                         first: list[int] | None = None) -> tuple[list[int], np.ndarray]:
    """Columns chosen by the orthogonalisation method, and each column's information.

    Parameters
    ----------
    jacobian : numpy.ndarray
        ``(observations, parameters)`` sensitivities on the unit scale.
    tau : float
        Prior standard deviation on the unit scale.
    min_information : float
        Smallest payoff rise (see the module docstring) for a column to be chosen.
    first : list of int, optional
        Columns considered first, in this order (the parameters chosen in an
        earlier round keep their place while they stay informative); the rest
        are then chosen greedily.

    Returns
    -------
    chosen : list of int
        Column indices in the order chosen.
    information : numpy.ndarray
        For chosen columns, the information when chosen; for the others, what is
        left after projecting out every chosen column.

    """
    residual = np.array(jacobian, dtype=float, copy=True)
    chosen: list[int] = []
    information = np.zeros(residual.shape[1])
    queue = list(first or [])
    while len(chosen) < residual.shape[1]:
        norms = (np.linalg.norm(residual, axis=0) * tau) ** 2
        norms[chosen] = -1.0
        if queue:
            best = queue.pop(0)
            if norms[best] < min_information:
                continue
        else:
            best = int(np.argmax(norms))
            if norms[best] < min_information:
                break
        information[best] = norms[best]
        chosen.append(best)
        basis, _ = np.linalg.qr(jacobian[:, chosen])
        residual = jacobian - basis @ (basis.T @ jacobian)
    rest = [j for j in range(residual.shape[1]) if j not in chosen]
    information[rest] = (np.linalg.norm(residual[:, rest], axis=0) * tau) ** 2
    return chosen, information


def column_correlation(jacobian: np.ndarray) -> np.ndarray:
    """Cosine similarity of the sensitivity columns (1 = the data see only their sum)."""
    norms = np.linalg.norm(jacobian, axis=0)
    norms[norms == 0] = 1.0
    scaled = jacobian / norms
    return scaled.T @ scaled


def posterior_sd(jacobian: np.ndarray, columns: list[int], tau: float, widths: np.ndarray) -> np.ndarray:
    """Approximate posterior sd, in model units, of the parameters in ``columns`` fitted jointly (NaN elsewhere).

    ``sqrt(diag((J'J + I / tau^2)^-1))`` over those columns, times each range width.
    """
    sd = np.full(jacobian.shape[1], np.nan)
    if columns:
        sub = jacobian[:, columns]
        cov = np.linalg.inv(sub.T @ sub + np.eye(len(columns)) / tau**2)
        sd[columns] = np.sqrt(np.diag(cov)) * widths[columns]
    return sd


def assess(names: list[str], units: np.ndarray, widths: np.ndarray, jacobian: np.ndarray, tau: float,
           settings: dict, first: list[str] | None = None) -> list[Assessment]:
    """Judge every parameter at one point (see the module docstring).

    Parameters
    ----------
    names : list of str
        Parameter names, in the Jacobian's column order.
    units : numpy.ndarray
        Their values on the unit scale.
    widths : numpy.ndarray
        ``upper - lower`` of each, to express standard deviations in model units.
    jacobian : numpy.ndarray
        Data-residual sensitivities on the unit scale at that point.
    tau : float
        Prior standard deviation on the unit scale.
    settings : dict
        ``min_information`` and ``bound_margin``.
    first : list of str, optional
        Parameters considered first (see :func:`orthogonal_selection`).

    """
    chosen, information = orthogonal_selection(jacobian, tau, float(settings.get("min_information", 1.0)),
                                               [names.index(n) for n in first or []])
    corr = column_correlation(jacobian)
    margin = float(settings.get("bound_margin", 0.01))
    reasons: dict[int, str] = {}
    for j in range(len(names)):
        if j in chosen:
            continue
        partner = max(chosen, key=lambda i, j=j: abs(corr[i, j]), default=None)
        if partner is not None and abs(corr[partner, j]) > 0.5:
            reasons[j] = f"acts like {names[partner]} (correlation {corr[partner, j]:+.2f})"
        else:
            reasons[j] = "little effect on the payoff"
    sd = posterior_sd(jacobian, chosen, tau, widths)
    bounds = ["lower" if u < margin else "upper" if u > 1.0 - margin else "" for u in units]
    return [Assessment(names[j], j in chosen, float(information[j]), float(sd[j]), reasons.get(j, ""), bounds[j])
            for j in range(len(names))]
