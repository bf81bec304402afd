-- value widens from integer to numeric(12,2) and label from varchar(20) to text under a chain of
-- views: the measurements must come through, as numeric(12,2) renders them.
INSERT INTO measurement VALUES (1, 5, 'five'), (2, -3, 'minus three'), (3, NULL, NULL);
