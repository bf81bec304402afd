-- Partitions and their indexes when the parent's index or key goes or changes: a partition's index
-- attached to a parent index that is dropped (or made again) cannot be dropped on its own ("index
-- ... requires it"), nor can a partition's inherited key; the parent's drop takes them, and the new
-- schema's own copies are made after. Also: tables attached as partitions that already have a
-- matching index: under the name PostgreSQL would give it, it is kept and attached; under another
-- name, it is dropped before the attach makes the new schema's.
CREATE TABLE dropped_idx (id integer, at date) PARTITION BY RANGE (at);
CREATE INDEX dropped_idx_id ON dropped_idx (id);
CREATE TABLE dropped_idx_2025 PARTITION OF dropped_idx FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE TABLE changed_idx (id integer, at date) PARTITION BY RANGE (at);
CREATE INDEX changed_idx_id ON changed_idx (id);
CREATE TABLE changed_idx_2025 PARTITION OF changed_idx FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE TABLE dropped_key (id integer, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE dropped_key_2025 PARTITION OF dropped_key FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE TABLE attached (id integer, at date) PARTITION BY RANGE (at);
CREATE INDEX attached_id ON attached (id);
CREATE TABLE attached_2025 (id integer, at date);
CREATE INDEX attached_2025_own ON attached_2025 (id);
CREATE TABLE attached_2026 (id integer, at date);
CREATE INDEX attached_2026_id_idx ON attached_2026 (id);
