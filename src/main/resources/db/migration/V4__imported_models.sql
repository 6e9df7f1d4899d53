-- An imported model file has no training job or dataset on this deployment.
alter table trained_model alter column job_id drop not null;
alter table trained_model alter column dataset_id drop not null;
