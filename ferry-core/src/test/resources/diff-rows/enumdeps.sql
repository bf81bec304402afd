-- The enum gains a value under a table and two views: the table's rows stay.
INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, NULL);
