-- Tenants and API keys (DESIGN §8.6). Every dataset, job and model belongs to a tenant; the rows that exist
-- already, and everything made in OPEN mode, belong to the default tenant (a fixed id, system/../tenant/Tenancy).

create table tenant (
    id         uuid primary key,
    name       varchar(200) not null,
    created_at timestamp with time zone not null
);
insert into tenant (id, name, created_at) values ('00000000-0000-0000-0000-000000000001', 'default', current_timestamp);

-- A key is shown once; stored are its prefix (for the lookup) and the SHA-256 of the whole key.
create table api_key (
    id            uuid primary key,
    tenant_id     uuid         not null references tenant (id),
    name          varchar(200),
    prefix        varchar(32)  not null,
    secret_sha256 varchar(64)  not null,
    role          varchar(10)  not null,
    created_at    timestamp with time zone not null,
    revoked_at    timestamp with time zone
);
create unique index api_key_prefix_idx on api_key (prefix);

alter table dataset add column tenant_id uuid;
update dataset set tenant_id = '00000000-0000-0000-0000-000000000001';
alter table dataset alter column tenant_id set not null;
create index dataset_tenant_idx on dataset (tenant_id, created_at);

alter table training_job add column tenant_id uuid;
update training_job set tenant_id = '00000000-0000-0000-0000-000000000001';
alter table training_job alter column tenant_id set not null;
create index training_job_tenant_idx on training_job (tenant_id, status);

alter table trained_model add column tenant_id uuid;
update trained_model set tenant_id = '00000000-0000-0000-0000-000000000001';
alter table trained_model alter column tenant_id set not null;
create index trained_model_tenant_idx on trained_model (tenant_id, created_at);

-- Idempotency keys are scoped per tenant: the same key from two tenants makes two jobs.
drop index training_job_idempotency_idx;
create unique index training_job_idempotency_idx on training_job (tenant_id, idempotency_key);
