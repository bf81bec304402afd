-- Counts per state, kept as a table so a report can read it cheaply.
CREATE TABLE dataset_count AS
SELECT state, count(*) AS datasets FROM dataset GROUP BY state;
ALTER TABLE dataset_count ADD PRIMARY KEY (state);
-- ferry:assert SELECT (SELECT sum(datasets) FROM dataset_count) = (SELECT count(*) FROM dataset)
