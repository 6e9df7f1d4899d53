-- Runs of a job that ended in something the worker did not handle (not a hand-back at shutdown): each is retried
-- after a growing delay until hourglass.workers.max-retries, then the job fails.
alter table training_job add column retries integer default 0 not null;
