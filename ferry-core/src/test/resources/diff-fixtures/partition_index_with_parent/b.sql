CREATE TABLE dropped_idx (id integer, at date) PARTITION BY RANGE (at);
CREATE TABLE dropped_idx_2025 PARTITION OF dropped_idx FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX dropped_idx_2025_id_idx ON dropped_idx_2025 (id);

CREATE TABLE changed_idx (id integer, at date) PARTITION BY RANGE (at);
CREATE INDEX changed_idx_id ON changed_idx (id, at);
CREATE TABLE changed_idx_2025 PARTITION OF changed_idx FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX changed_idx_2025_id_idx ON changed_idx_2025 (id);

CREATE TABLE dropped_key (id integer, at date) PARTITION BY RANGE (at);
CREATE TABLE dropped_key_2025 PARTITION OF dropped_key (PRIMARY KEY (id, at)) FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE TABLE attached (id integer, at date) PARTITION BY RANGE (at);
CREATE INDEX attached_id ON attached (id);
CREATE TABLE attached_2025 PARTITION OF attached FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE attached_2026 PARTITION OF attached FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
