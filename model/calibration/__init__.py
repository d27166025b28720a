"""Calibration: fitting the model to the 2010-2020 history, and how well it fits.

Modules: :mod:`~model.calibration.setup` (which series, weights and
parameters: data/calibration_setup.toml, read strictly),
:mod:`~model.calibration.observations` (the history and the model's
like-for-like counterparts), :mod:`~model.calibration.calibrate` (the fit:
payoff, prior penalty, least squares in two stages),
:mod:`~model.calibration.identification` (which parameters the data
identify), :mod:`~model.calibration.io` (the calibration file, written and read
back), :mod:`~model.calibration.fitstats` (RMSE, MAPE, Theil's split) and
:mod:`~model.calibration.fit` (the trust report of the calibrated baseline).
The calibrated values the model runs with are read by
:mod:`model.catalogue.parameters`.
"""
