-- The partition key changes: the partitioned table is dropped and created, and so is every
-- partition (their rows are lost, so each drop is marked destructive).
CREATE TABLE measure (id integer NOT NULL, at date NOT NULL, taken date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE measure_2025 PARTITION OF measure FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE measure_2026 PARTITION OF measure FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX measure_id ON measure (id);
CREATE TABLE reading (id integer NOT NULL, site text NOT NULL, kind text NOT NULL) PARTITION BY LIST (site);
CREATE TABLE reading_a PARTITION OF reading FOR VALUES IN ('a');
CREATE TABLE reading_b PARTITION OF reading FOR VALUES IN ('b');
INSERT INTO reading VALUES (1, 'a', 'a');
