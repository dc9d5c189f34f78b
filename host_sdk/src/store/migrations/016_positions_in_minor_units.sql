-- Money in license_positions was kept in hundredths for every currency; it is now kept in each
-- currency's ISO 4217 minor unit (none for JPY..., thousandths for KWD...). Positions already
-- computed are converted; the next reconciliation computes them afresh.
UPDATE license_positions SET per_user_cost_minor = (per_user_cost_minor + 50) / 100, unused_cost_minor = (unused_cost_minor + 50) / 100, true_up_cost_minor = (true_up_cost_minor + 50) / 100 WHERE currency IN ('JPY', 'KRW', 'ISK', 'CLP', 'VND');
UPDATE license_positions SET per_user_cost_minor = per_user_cost_minor * 10, unused_cost_minor = unused_cost_minor * 10, true_up_cost_minor = true_up_cost_minor * 10 WHERE currency IN ('KWD', 'BHD', 'JOD', 'OMR', 'TND', 'IQD', 'LYD');
