-- The request rate limit's token buckets (system/RateLimitConfig), one row per rate key (an API key's id or a
-- client address), shared by every node on PostgreSQL through Bucket4j's proxy manager, which reads and writes the
-- serialized bucket in `state` under a row lock. On H2 (one node) the buckets live in memory and this table stays
-- empty. `expires_at` (epoch milliseconds) is when the bucket is full again and the row can go.
create table rate_limit_bucket (
    id         varchar(200) primary key,
    state      ${blob_type},
    expires_at bigint
);

create index rate_limit_bucket_expires_idx on rate_limit_bucket (expires_at);
