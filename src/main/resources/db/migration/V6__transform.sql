-- A job trains a model, or runs a dataset through one (a transform) into a new dataset.
alter table training_job add column kind varchar(20) default 'TRAINING' not null;
alter table training_job add column result_dataset_id uuid;

-- A transform's output so far, chunk by chunk, each written in the transaction of its progress: a transform
-- that restarts on another node goes on from its last chunk. The chunks become the new dataset at the end.
create table transform_chunk (
    job_id   uuid    not null references training_job (id) on delete cascade,
    chunk    integer not null,
    features ${blob_type} not null,
    primary key (job_id, chunk)
);
