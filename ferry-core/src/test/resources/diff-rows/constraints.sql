-- Rows side a holds before the upgrade; every table here survives it, and so must its rows.
INSERT INTO b VALUES (1), (2), (3);
INSERT INTO t1 VALUES (10), (20), (30);
INSERT INTO t2 VALUES (1, 1, 9.5), (2, 2, 12), (3, NULL, 0.25);
INSERT INTO c VALUES (5), (6);
INSERT INTO circles_dropexclude VALUES ('<(0,0),1>'), ('<(5,5),1>');
