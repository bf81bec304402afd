-- parent's primary key is renamed under two foreign keys; child gains a column: the rows stay.
INSERT INTO parent VALUES (1, 'one'), (2, 'two');
INSERT INTO child VALUES (10, 1), (11, 2), (12, NULL);
INSERT INTO other_child VALUES (1), (1), (2);
