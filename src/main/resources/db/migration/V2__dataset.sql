-- The feature names and column statistics of a dataset as wide as hourglass.limits.max-columns (100,000
-- columns) are several MB of JSON (about 1.1 and 8 million characters), more than V1's varchar(1000000).
-- A varchar without a length is unbounded on PostgreSQL and H2's maximum (1,000,000,000) on H2.
alter table dataset alter column feature_names set data type varchar;
alter table dataset alter column stats set data type varchar;
