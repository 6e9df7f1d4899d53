-- Typed tables (DESIGN §8.2): the missing mask of a dataset's features, one bit per cell (row-major; bit i is
-- bit i & 7 of byte i >> 3), null when no cell is missing. Column types and levels live in dataset.stats.
alter table dataset_data add column missing ${blob_type};
