-- test's serial becomes an explicit sequence, test2's the other way round: the ids stay.
INSERT INTO test VALUES (DEFAULT), (DEFAULT), (7);
INSERT INTO test2 VALUES (DEFAULT), (42);
