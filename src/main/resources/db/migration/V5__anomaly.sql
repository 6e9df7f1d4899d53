-- A model's anomaly calibration as its view shows it (threshold, contamination, rows, quantiles), as JSON;
-- null for models trained or imported without one. The sorted scores live in the model file.
alter table trained_model add column anomaly varchar(10000);
