-- A model trained on a typed table shows its columns (types and levels) as JSON; null for plain numbers.
alter table trained_model add column columns varchar;
