INSERT INTO dropped_idx VALUES (1, '2025-03-01');
INSERT INTO changed_idx VALUES (2, '2025-04-01');
INSERT INTO dropped_key VALUES (3, '2025-05-01');
