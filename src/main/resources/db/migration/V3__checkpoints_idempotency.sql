-- Jobs that survive anything: per-epoch checkpoints, resume bookkeeping, idempotent submit, weight hashes.

create table job_checkpoint (
    job_id        uuid primary key references training_job (id) on delete cascade,
    epoch         integer      not null,
    phase         varchar(50)  not null,
    state         ${blob_type} not null,
    -- Early stopping: the best epoch so far and its weights (a TrainingState), so a resumed run restores them too.
    best_epoch    integer,
    best_loss     double precision,
    best_state    ${blob_type},
    node          varchar(200),
    created_at    timestamp with time zone not null
);

alter table training_job add column request_hash varchar(64);
alter table training_job add column resumed_from_epoch integer;
alter table training_job add column stop_reason varchar(200);

-- An owner may be null (the default tenant), and null never collides in a unique index: key on the key alone.
drop index training_job_idempotency_idx;
create unique index training_job_idempotency_idx on training_job (idempotency_key);

alter table trained_model add column weights_sha256 varchar(64);
